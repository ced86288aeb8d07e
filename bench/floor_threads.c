// The machine's floor with threads: the file loop of ../shared/bench/floor.c (open, write
// 2,700 bytes, close; one directory) split over T threads, file i written by thread i % T.
// bench/batch.sh runs it with 2 threads beside floor.c to show how far the file system itself
// scales on this machine, which bounds what -j 2 can gain over -j 1 for small files.
//   floor_threads DIR N T   ->   {"files": N, "threads": T, "files_per_s": R}
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
static int files, threads;
static char body[2700];

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void *writer(void *arg) {
  char p[4096];
  for (int i = (int)(long)arg; i < files; i += threads) {
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
  if (argc != 4) {
    fprintf(stderr, "usage: floor_threads DIR N T\n");
    return 2;
  }
  dir = argv[1];
  files = atoi(argv[2]);
  threads = atoi(argv[3]);
  if (files <= 0 || threads <= 0 || threads > 64) return 2;
  memset(body, 'x', sizeof body);
  mkdir(dir, 0755);
  pthread_t t[64];
  double t0 = now();
  for (long k = 0; k < threads; k++) pthread_create(&t[k], NULL, writer, (void *)k);
  for (int k = 0; k < threads; k++) pthread_join(t[k], NULL);
  printf("{\"files\": %d, \"threads\": %d, \"files_per_s\": %.0f}\n", files, threads,
         files / (now() - t0));
  return 0;
}
