// The machine's floor with threads: the file loop of ../shared/bench/floor.c (open, write
// 2,700 bytes, close; one directory) split over T threads, file i written by thread i % T.
// bench/batch.sh runs it with 2 threads beside floor.c to show how far the file system itself
// scales on this machine, which bounds what -j 2 can gain over -j 1 for small files.
//   floor_threads DIR N T [atomic]   ->   {"files": N, "threads": T, "files_per_s": R}
// With `atomic`, each file is written the way unjucks writes a new file, so that no reader
// ever sees it partly written: an anonymous inode in the directory (openat O_TMPFILE), the
// write, then linkat() gives it its name (by descriptor, or through /proc/self/fd where the
// kernel refuses that), and close, both relative to a descriptor of the directory. The same
// four system calls per file as unjucks, and no rendering: the floor for atomic writes, and
// how far they scale from 1 to 2 threads.
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *dir;
static int files, threads, atomic, dir_fd;
static char body[2700];

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void *writer(void *arg) {
  char p[4096];
  for (int i = (int)(long)arg; i < files; i += threads) {
    if (atomic) {
      snprintf(p, sizeof p, "f%d.ts", i);
      int fd = openat(dir_fd, ".", O_TMPFILE | O_WRONLY, 0644);
      if (fd < 0 || write(fd, body, sizeof body) != (ssize_t)sizeof body) {
        perror(dir);
        exit(1);
      }
      if (linkat(fd, "", dir_fd, p, AT_EMPTY_PATH) != 0) {
        char q[64];
        snprintf(q, sizeof q, "/proc/self/fd/%d", fd);
        if (linkat(AT_FDCWD, q, dir_fd, p, AT_SYMLINK_FOLLOW) != 0) {
          perror(p);
          exit(1);
        }
      }
      close(fd);
      continue;
    }
    snprintf(p, sizeof p, "%s/f%d.ts", dir, i);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, body, sizeof body) != (ssize_t)sizeof body) {
      perror(p);
      exit(1);
    }
    close(fd);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 4 && !(argc == 5 && strcmp(argv[4], "atomic") == 0)) {
    fprintf(stderr, "usage: floor_threads DIR N T [atomic]\n");
    return 2;
  }
  atomic = argc == 5;
  dir = argv[1];
  files = atoi(argv[2]);
  threads = atoi(argv[3]);
  if (files <= 0 || threads <= 0 || threads > 64) return 2;
  memset(body, 'x', sizeof body);
  mkdir(dir, 0755);
  dir_fd = open(dir, O_PATH | O_DIRECTORY);
  if (dir_fd < 0) {
    perror(dir);
    return 1;
  }
  pthread_t t[64];
  double t0 = now();
  for (long k = 0; k < threads; k++) pthread_create(&t[k], NULL, writer, (void *)k);
  for (int k = 0; k < threads; k++) pthread_join(t[k], NULL);
  printf("{\"files\": %d, \"threads\": %d, \"files_per_s\": %.0f}\n", files, threads,
         files / (now() - t0));
  return 0;
}
