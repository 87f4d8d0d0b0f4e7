package org.magg.pipelines.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a git checkout is at, read from its files ({@code .git/HEAD}, the ref it names, {@code
 * packed-refs}), no git program needed. Handles a {@code .git} directory, a {@code .git} file
 * pointing elsewhere (worktrees, submodules, with their {@code commondir}) and a detached head.
 *
 * @param top the checkout's top directory (where {@code .git} is)
 * @param sha the commit (40 or 64 hex digits)
 * @param ref the branch ref ({@code refs/heads/main}), or null for a detached head
 */
record GitHead(Path top, String sha, String ref) {
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  /**
   * The head of the checkout holding {@code dir} (it or a parent has {@code .git}); empty when
   * there is none or it cannot be read (an unborn branch, a damaged repository).
   */
  static Optional<GitHead> of(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      if (Files.exists(dotGit)) {
        try {
          return read(d, gitDir(dotGit));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Path gitDir(Path dotGit) throws IOException {
    if (Files.isDirectory(dotGit)) {
      return dotGit;
    }
    String text = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
    if (!text.startsWith("gitdir:")) {
      throw new IOException(dotGit + " is not a gitdir file");
    }
    return dotGit.getParent().resolve(text.substring("gitdir:".length()).trim()).normalize();
  }

  private static Optional<GitHead> read(Path top, Path gitDir) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
    if (SHA.matcher(head).matches()) {
      return Optional.of(new GitHead(top, head, null));
    }
    if (!head.startsWith("ref:")) {
      return Optional.empty();
    }
    String ref = head.substring("ref:".length()).trim();
    Path common = gitDir;
    Path commonFile = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonFile)) {
      common =
          gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
    }
    for (Path dir : List.of(gitDir, common)) {
      Path loose = dir.resolve(ref);
      if (Files.isRegularFile(loose)) {
        String sha = Files.readString(loose, StandardCharsets.UTF_8).trim();
        if (SHA.matcher(sha).matches()) {
          return Optional.of(new GitHead(top, sha, ref));
        }
      }
    }
    for (Path dir : List.of(gitDir, common)) {
      Path packed = dir.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
          String[] parts = line.trim().split(" ", 2);
          if (parts.length == 2 && parts[1].equals(ref) && SHA.matcher(parts[0]).matches()) {
            return Optional.of(new GitHead(top, parts[0], ref));
          }
        }
      }
    }
    return Optional.empty();
  }
}
