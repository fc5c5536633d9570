package org.sttbench.analysis;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Ordinary least squares line y = intercept + slope * x, used for processing time against audio duration.
 *
 * <p>With fewer than two points, or when every x is the same, no line is determined: slope, intercept
 * and r2 are null. r2 is also null when every y is the same (there is no variance to explain).
 *
 * @param n         number of (x, y) pairs
 * @param slope     change in y per unit of x (ms of processing per second of audio, for example)
 * @param intercept y at x = 0 (fixed per-request overhead)
 * @param r2        coefficient of determination in [0, 1]
 */
public record LinearFit(int n, Double slope, Double intercept, Double r2) {

    /**
     * @throws IllegalArgumentException when the arrays differ in length or hold NaN/infinite values
     */
    public static LinearFit of(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y are required");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        SimpleRegression regression = new SimpleRegression(true);
        for (int i = 0; i < x.length; i++) {
            regression.addData(Checks.finite(x[i], "x[" + i + "]"), Checks.finite(y[i], "y[" + i + "]"));
        }
        int n = x.length;
        if (n < 2 || regression.getXSumSquares() == 0) {
            return new LinearFit(n, null, null, null);
        }
        double r2 = regression.getTotalSumSquares() == 0 ? Double.NaN : regression.getRSquare();
        return new LinearFit(n, regression.getSlope(), regression.getIntercept(), Double.isNaN(r2) ? null : r2);
    }

    /** The fitted y at x, or null when no line was determined. */
    public Double predict(double x) {
        return slope == null ? null : intercept + slope * x;
    }
}
