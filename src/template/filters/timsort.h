// Array.prototype.sort as V8 performs it: TimSort (Tim Peters' listsort) with binary insertion
// for short runs, galloping merges and the same pending-run invariants. Any stable sort orders a
// consistent comparison the same way; making the same comparisons in the same order as V8 also
// reproduces V8's result when the comparison is inconsistent, as JavaScript's loose relational
// operators are on mixed types (numbers against non-numeric strings, undefined attributes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "mem/arena.h"

namespace unjucks::tpl::filters {

// Sorts a[0, n) in place; cmp(x, y) < 0 means x goes before y. Temporary space comes from the
// arena.
template <typename Cmp>
class TimSort {
 public:
  TimSort(mem::Arena& arena, uint32_t* a, int n, Cmp& cmp)
      : arena_(arena), a_(a), n_(n), cmp_(cmp) {}

  void run() {
    if (n_ < 2) return;
    int low = 0, remaining = n_;
    const int min_run = min_run_length(remaining);
    while (remaining != 0) {
      int len = count_and_make_run(low, low + remaining);
      if (len < min_run) {
        int forced = std::min(min_run, remaining);
        binary_insertion_sort(low, low + len, low + forced);
        len = forced;
      }
      runs_[nruns_++] = Run{low, len};
      merge_collapse();
      low += len;
      remaining -= len;
    }
    while (nruns_ > 1) {
      int i = nruns_ - 2;
      if (i > 0 && runs_[i - 1].len < runs_[i + 1].len) --i;
      merge_at(i);
    }
  }

 private:
  struct Run {
    int base, len;
  };
  static constexpr int kMinGallop = 7;

  bool less(uint32_t x, uint32_t y) { return cmp_(x, y) < 0; }

  static int min_run_length(int n) {
    int r = 0;
    while (n >= 64) {
      r |= n & 1;
      n >>= 1;
    }
    return n + r;
  }

  // Length of the run at low: non-descending, or strictly descending (then reversed).
  int count_and_make_run(int low, int high) {
    if (low + 1 == high) return 1;
    int len = 2;
    bool descending = less(a_[low + 1], a_[low]);
    for (int i = low + 2; i < high; ++i) {
      bool lt = less(a_[i], a_[i - 1]);
      if (descending != lt) break;
      ++len;
    }
    if (descending) std::reverse(a_ + low, a_ + low + len);
    return len;
  }

  // [low, start) is sorted; inserts a[start, high) one by one after their equals.
  void binary_insertion_sort(int low, int start, int high) {
    if (start == low) ++start;
    for (; start < high; ++start) {
      uint32_t pivot = a_[start];
      int left = low, right = start;
      while (left < right) {
        int mid = left + ((right - left) >> 1);
        if (less(pivot, a_[mid])) {
          right = mid;
        } else {
          left = mid + 1;
        }
      }
      std::memmove(a_ + left + 1, a_ + left, sizeof(uint32_t) * static_cast<size_t>(start - left));
      a_[left] = pivot;
    }
  }

  bool invariant_holds(int i) const {
    return i < 2 || runs_[i - 2].len > runs_[i - 1].len + runs_[i].len;
  }

  void merge_collapse() {
    while (nruns_ > 1) {
      int i = nruns_ - 2;
      if (!invariant_holds(i + 1) || !invariant_holds(i)) {
        if (i > 0 && runs_[i - 1].len < runs_[i + 1].len) --i;
      } else if (runs_[i].len > runs_[i + 1].len) {
        break;
      }
      merge_at(i);
    }
  }

  // Offset in run[0, len) before the first element that is not less than key.
  int gallop_left(uint32_t key, const uint32_t* run, int len, int hint) {
    int last = 0, ofs = 1;
    if (less(run[hint], key)) {
      const int max = len - hint;
      while (ofs < max && less(run[hint + ofs], key)) {
        last = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, max);
      last += hint;
      ofs += hint;
    } else {
      const int max = hint + 1;
      while (ofs < max && !less(run[hint - ofs], key)) {
        last = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, max);
      int t = last;
      last = hint - ofs;
      ofs = hint - t;
    }
    for (++last; last < ofs;) {
      int m = last + ((ofs - last) >> 1);
      if (less(run[m], key)) {
        last = m + 1;
      } else {
        ofs = m;
      }
    }
    return ofs;
  }

  // Offset in run[0, len) after the last element that key is not less than.
  int gallop_right(uint32_t key, const uint32_t* run, int len, int hint) {
    int last = 0, ofs = 1;
    if (less(key, run[hint])) {
      const int max = hint + 1;
      while (ofs < max && less(key, run[hint - ofs])) {
        last = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, max);
      int t = last;
      last = hint - ofs;
      ofs = hint - t;
    } else {
      const int max = len - hint;
      while (ofs < max && !less(key, run[hint + ofs])) {
        last = ofs;
        ofs = (ofs << 1) + 1;
      }
      ofs = std::min(ofs, max);
      last += hint;
      ofs += hint;
    }
    for (++last; last < ofs;) {
      int m = last + ((ofs - last) >> 1);
      if (less(key, run[m])) {
        ofs = m;
      } else {
        last = m + 1;
      }
    }
    return ofs;
  }

  uint32_t* temp(int n) {
    if (temp_cap_ < n) {
      temp_ = static_cast<uint32_t*>(
          arena_.allocate(sizeof(uint32_t) * static_cast<size_t>(n), alignof(uint32_t)));
      temp_cap_ = n;
    }
    return temp_;
  }

  static void move(uint32_t* dst, const uint32_t* src, int n) {
    if (n > 0) std::memmove(dst, src, sizeof(uint32_t) * static_cast<size_t>(n));
  }

  void merge_at(int i) {
    int base_a = runs_[i].base, len_a = runs_[i].len;
    int base_b = runs_[i + 1].base, len_b = runs_[i + 1].len;
    runs_[i].len = len_a + len_b;
    if (i == nruns_ - 3) runs_[i + 1] = runs_[i + 2];
    --nruns_;
    // Elements of A before B's first one, and of B after A's last one, are in place already.
    int k = gallop_right(a_[base_b], a_ + base_a, len_a, 0);
    base_a += k;
    len_a -= k;
    if (len_a == 0) return;
    len_b = gallop_left(a_[base_a + len_a - 1], a_ + base_b, len_b, len_b - 1);
    if (len_b == 0) return;
    if (len_a <= len_b) {
      merge_low(base_a, len_a, base_b, len_b);
    } else {
      merge_high(base_a, len_a, base_b, len_b);
    }
  }

  // Merges from the left, with the shorter run A copied aside.
  void merge_low(int base_a, int len_a, int base_b, int len_b) {
    uint32_t* t = temp(len_a);
    move(t, a_ + base_a, len_a);
    int dest = base_a, ct = 0, cb = base_b;
    a_[dest++] = a_[cb++];
    bool last_a_at_end = false;  // exit through "the last of A goes after the rest of B"
    if (--len_b == 0) {
    } else if (len_a == 1) {
      last_a_at_end = true;
    } else {
      int min_gallop = min_gallop_;
      for (bool done = false; !done;) {
        int wins_a = 0, wins_b = 0;
        for (;;) {  // one element at a time
          if (less(a_[cb], t[ct])) {
            a_[dest++] = a_[cb++];
            ++wins_b;
            wins_a = 0;
            if (--len_b == 0) {
              done = true;
              break;
            }
            if (wins_b >= min_gallop) break;
          } else {
            a_[dest++] = t[ct++];
            ++wins_a;
            wins_b = 0;
            if (--len_a == 1) {
              done = last_a_at_end = true;
              break;
            }
            if (wins_a >= min_gallop) break;
          }
        }
        if (done) break;
        ++min_gallop;
        for (bool first = true; !done && (first || wins_a >= kMinGallop || wins_b >= kMinGallop);
             first = false) {
          min_gallop = std::max(1, min_gallop - 1);
          min_gallop_ = min_gallop;
          wins_a = gallop_right(a_[cb], t + ct, len_a, 0);
          if (wins_a > 0) {
            move(a_ + dest, t + ct, wins_a);
            dest += wins_a;
            ct += wins_a;
            len_a -= wins_a;
            if (len_a == 1) {
              done = last_a_at_end = true;
              break;
            }
            if (len_a == 0) {
              done = true;  // only with an inconsistent comparison
              break;
            }
          }
          a_[dest++] = a_[cb++];
          if (--len_b == 0) {
            done = true;
            break;
          }
          wins_b = gallop_left(t[ct], a_ + cb, len_b, 0);
          if (wins_b > 0) {
            move(a_ + dest, a_ + cb, wins_b);
            dest += wins_b;
            cb += wins_b;
            len_b -= wins_b;
            if (len_b == 0) {
              done = true;
              break;
            }
          }
          a_[dest++] = t[ct++];
          if (--len_a == 1) {
            done = last_a_at_end = true;
            break;
          }
        }
        if (done) break;
        ++min_gallop;  // penalty for leaving galloping mode
        min_gallop_ = min_gallop;
      }
    }
    if (last_a_at_end) {
      move(a_ + dest, a_ + cb, len_b);
      a_[dest + len_b] = t[ct];
    } else if (len_a > 0) {
      move(a_ + dest, t + ct, len_a);
    }
  }

  // Merges from the right, with the shorter run B copied aside.
  void merge_high(int base_a, int len_a, int base_b, int len_b) {
    uint32_t* t = temp(len_b);
    move(t, a_ + base_b, len_b);
    int dest = base_b + len_b - 1, ct = len_b - 1, ca = base_a + len_a - 1;
    a_[dest--] = a_[ca--];
    bool first_b_at_front = false;  // exit through "the first of B goes before the rest of A"
    if (--len_a == 0) {
    } else if (len_b == 1) {
      first_b_at_front = true;
    } else {
      int min_gallop = min_gallop_;
      for (bool done = false; !done;) {
        int wins_a = 0, wins_b = 0;
        for (;;) {
          if (less(t[ct], a_[ca])) {
            a_[dest--] = a_[ca--];
            ++wins_a;
            wins_b = 0;
            if (--len_a == 0) {
              done = true;
              break;
            }
            if (wins_a >= min_gallop) break;
          } else {
            a_[dest--] = t[ct--];
            ++wins_b;
            wins_a = 0;
            if (--len_b == 1) {
              done = first_b_at_front = true;
              break;
            }
            if (wins_b >= min_gallop) break;
          }
        }
        if (done) break;
        ++min_gallop;
        for (bool first = true; !done && (first || wins_a >= kMinGallop || wins_b >= kMinGallop);
             first = false) {
          min_gallop = std::max(1, min_gallop - 1);
          min_gallop_ = min_gallop;
          int k = gallop_right(t[ct], a_ + base_a, len_a, len_a - 1);
          wins_a = len_a - k;
          if (wins_a > 0) {
            dest -= wins_a;
            ca -= wins_a;
            move(a_ + dest + 1, a_ + ca + 1, wins_a);
            len_a -= wins_a;
            if (len_a == 0) {
              done = true;
              break;
            }
          }
          a_[dest--] = t[ct--];
          if (--len_b == 1) {
            done = first_b_at_front = true;
            break;
          }
          k = gallop_left(a_[ca], t, len_b, len_b - 1);
          wins_b = len_b - k;
          if (wins_b > 0) {
            dest -= wins_b;
            ct -= wins_b;
            move(a_ + dest + 1, t + ct + 1, wins_b);
            len_b -= wins_b;
            if (len_b == 1) {
              done = first_b_at_front = true;
              break;
            }
            if (len_b == 0) {
              done = true;  // only with an inconsistent comparison
              break;
            }
          }
          a_[dest--] = a_[ca--];
          if (--len_a == 0) {
            done = true;
            break;
          }
        }
        if (done) break;
        ++min_gallop;
        min_gallop_ = min_gallop;
      }
    }
    if (first_b_at_front) {
      dest -= len_a;
      ca -= len_a;
      move(a_ + dest + 1, a_ + ca + 1, len_a);
      a_[dest] = t[ct];
    } else if (len_b > 0) {
      move(a_ + dest - (len_b - 1), t, len_b);
    }
  }

  mem::Arena& arena_;
  uint32_t* a_;
  int n_;
  Cmp& cmp_;
  Run runs_[96] = {};  // the pending-run stack stays below 90 entries for 2^31 elements
  int nruns_ = 0;
  int min_gallop_ = kMinGallop;
  uint32_t* temp_ = nullptr;
  int temp_cap_ = 0;
};

}  // namespace unjucks::tpl::filters
