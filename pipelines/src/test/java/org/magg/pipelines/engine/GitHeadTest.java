package org.magg.pipelines.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a checkout's commit from its files: branches, packed refs, worktrees, detached heads. */
class GitHeadTest {
  private static final String A = "1111111111111111111111111111111111111111";
  private static final String B = "2222222222222222222222222222222222222222";

  @TempDir Path dir;

  @Test
  void readsLooseAndPackedRefsWorktreesAndDetachedHeads() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path git = Files.createDirectories(repo.resolve(".git/refs/heads"));
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(repo.resolve(".git/refs/heads/main"), A + "\n");
    Path deep = Files.createDirectories(repo.resolve("configs/engine"));
    assertEquals(Optional.of(new GitHead(repo, A, "refs/heads/main")), GitHead.of(deep));

    // packed: no loose ref file
    Files.delete(repo.resolve(".git/refs/heads/main"));
    Files.writeString(
        repo.resolve(".git/packed-refs"),
        "# pack-refs with: peeled fully-peeled sorted\n" + B + " refs/heads/main\n");
    assertEquals(Optional.of(new GitHead(repo, B, "refs/heads/main")), GitHead.of(deep));

    // a worktree: .git is a file naming its git directory, refs in the common directory
    Path wt = Files.createDirectories(dir.resolve("wt"));
    Path wtGit = Files.createDirectories(git.getParent().getParent().resolve("worktrees/wt"));
    Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
    Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(wtGit.resolve("commondir"), "../..\n");
    Files.writeString(repo.resolve(".git/refs/heads/feature"), A + "\n");
    assertEquals(Optional.of(new GitHead(wt, A, "refs/heads/feature")), GitHead.of(wt));

    // detached
    Files.writeString(repo.resolve(".git/HEAD"), B + "\n");
    assertEquals(Optional.of(new GitHead(repo, B, null)), GitHead.of(repo));

    // an unborn branch, and no checkout at all
    Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/none\n");
    assertEquals(Optional.empty(), GitHead.of(repo));
    assertEquals(Optional.empty(), GitHead.of(Files.createDirectories(dir.resolve("plain"))));
  }
}
