package org.sttbench.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules the code is written to: dependencies point from the command line inwards, the
 * statistics stay free of I/O and wiring, and no two packages need each other.
 */
@AnalyzeClasses(packages = "org.sttbench", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    /** Commands are the outermost layer: nothing else may need them. */
    @ArchTest
    static final ArchRule onlyCliDependsOnCli = noClasses()
            .that().resideOutsideOfPackage("org.sttbench.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.sttbench.cli..");

    /** Analysis is pure computation over values, so any caller can use it and tests need nothing else. */
    @ArchTest
    static final ArchRule analysisIsPure = noClasses()
            .that().resideInAPackage("org.sttbench.analysis..")
            .should().dependOnClassesThat(resideInAPackage("org.sttbench..")
                    .and(not(resideInAPackage("org.sttbench.analysis.."))));

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices()
            .matching("org.sttbench.(*)..")
            .should().beFreeOfCycles();
}
