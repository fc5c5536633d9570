package org.sttbench.plan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns a plan's audio globs into files, confined to the allowed folders so that a plan dropped into
 * a shared inbox cannot read arbitrary files on the host.
 */
public final class AudioSelector {
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "mp3", "flac", "ogg", "oga", "opus", "m4a", "aac", "mp4");
    private static final int MAX_DEPTH = 8;

    private final List<Path> bases;
    private final List<Path> allowedRoots;

    /**
     * @param bases        folders relative globs are tried against, in order
     * @param allowedRoots folders every selected file must lie in
     */
    public AudioSelector(List<Path> bases, List<Path> allowedRoots) {
        this.bases = bases.stream().map(AudioSelector::real).toList();
        this.allowedRoots = allowedRoots.stream().map(AudioSelector::real).toList();
    }

    /** Selected files, sorted and de-duplicated; every problem is added to {@code problems}. */
    public List<Path> select(List<String> globs, List<String> problems) {
        Set<Path> found = new TreeSet<>();
        for (String glob : globs) {
            List<Path> matches = matches(glob, problems);
            if (matches == null) {
                continue;
            }
            if (matches.isEmpty()) {
                problems.add("audio '" + glob + "' matches no audio file (looked in " + bases + ")");
            }
            found.addAll(matches);
        }
        return new ArrayList<>(found);
    }

    private List<Path> matches(String glob, List<String> problems) {
        Path asPath = Path.of(glob.replaceAll("[*?\\[{].*$", "x"));
        List<Path> candidates = asPath.isAbsolute() ? List.of(Path.of("/")) : bases;
        for (Path base : candidates) {
            Path pattern = base.resolve(glob).normalize();
            Path fixed = fixedPrefix(pattern);
            if (!inside(fixed) && !inside(pattern)) {
                problems.add("audio '" + glob + "' is outside the allowed folders " + allowedRoots);
                return null;
            }
            List<Path> matched = expand(pattern, fixed);
            if (!matched.isEmpty()) {
                List<Path> outside = matched.stream().filter(p -> !inside(p)).toList();
                if (!outside.isEmpty()) {
                    problems.add("audio '" + glob + "' reaches outside the allowed folders: " + outside.get(0));
                    return null;
                }
                return matched;
            }
        }
        return List.of();
    }

    private static List<Path> expand(Path pattern, Path fixed) {
        if (fixed.equals(pattern)) {
            return Files.isRegularFile(pattern) && isAudio(pattern) ? List.of(real(pattern)) : List.of();
        }
        if (!Files.isDirectory(fixed)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(fixed, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(p.normalize()))
                    .filter(AudioSelector::isAudio)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(AudioSelector::real)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The longest leading part of the pattern that holds no glob characters. */
    private static Path fixedPrefix(Path pattern) {
        Path prefix = pattern.getRoot();
        for (Path part : pattern) {
            if (part.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            prefix = prefix == null ? part : prefix.resolve(part);
        }
        return prefix;
    }

    public static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private boolean inside(Path path) {
        Path p = real(path);
        return allowedRoots.stream().anyMatch(p::startsWith);
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
