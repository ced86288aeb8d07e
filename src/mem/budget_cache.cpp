#include "mem/budget_cache.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "mem/frequency_sketch.h"

namespace unjucks::mem {

std::string_view policy_name(EvictionPolicy policy) {
  switch (policy) {
    case EvictionPolicy::kLru:
      return "lru";
    case EvictionPolicy::kWTinyLfu:
      return "w-tinylfu";
  }
  return "?";
}

namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

enum class Segment : uint8_t { kWindow, kProbation, kProtected };

struct Node {
  const std::string* key = nullptr;
  std::shared_ptr<const void> value;
  size_t bytes = 0;
  uint64_t hash = 0;
  uint64_t stamp = 0;
  std::vector<std::string> depends_on;
  Segment segment = Segment::kWindow;
  bool candidate = false;  // moved from the window during the current eviction pass
  Node* prev = nullptr;    // towards the least recently used end
  Node* next = nullptr;    // towards the most recently used end
};

// An intrusive recency list: head_ is the least recently used entry.
class List {
 public:
  Node* head() const { return head_; }
  Node* tail() const { return tail_; }
  size_t bytes() const { return bytes_; }
  bool empty() const { return head_ == nullptr; }

  void push_back(Node* n) {
    n->prev = tail_;
    n->next = nullptr;
    if (tail_ != nullptr)
      tail_->next = n;
    else
      head_ = n;
    tail_ = n;
    bytes_ += n->bytes;
  }
  void remove(Node* n) {
    if (n->prev != nullptr)
      n->prev->next = n->next;
    else
      head_ = n->next;
    if (n->next != nullptr)
      n->next->prev = n->prev;
    else
      tail_ = n->prev;
    n->prev = n->next = nullptr;
    bytes_ -= n->bytes;
  }
  void clear() {
    head_ = tail_ = nullptr;
    bytes_ = 0;
  }

 private:
  Node* head_ = nullptr;
  Node* tail_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace

struct BudgetCacheCore::Impl {
  explicit Impl(const CacheOptions& o) : options(o), sketch(sketch_entries(o)) {}

  static size_t sketch_entries(const CacheOptions& o) {
    return o.budget_bytes / std::max<size_t>(o.typical_entry_bytes, 1);
  }
  bool tiny_lfu() const { return options.policy == EvictionPolicy::kWTinyLfu; }
  size_t budget() const { return options.budget_bytes; }
  size_t window_cap() const {
    return static_cast<size_t>(static_cast<double>(budget()) * options.window_fraction);
  }
  size_t protected_cap() const {
    return static_cast<size_t>(static_cast<double>(budget() - window_cap()) *
                               options.protected_fraction);
  }
  size_t total_bytes() const { return window.bytes() + probation.bytes() + protected_.bytes(); }
  static uint64_t hash_of(std::string_view key) {
    return mix64(std::hash<std::string_view>{}(key));
  }
  List& list_of(Segment s) {
    switch (s) {
      case Segment::kWindow:
        return window;
      case Segment::kProbation:
        return probation;
      case Segment::kProtected:
        return protected_;
    }
    return window;
  }
  void move_to(Node* n, Segment s) {
    list_of(n->segment).remove(n);
    n->segment = s;
    list_of(s).push_back(n);
  }

  Node* find(std::string_view key) {
    auto it = nodes.find(key);
    return it == nodes.end() ? nullptr : &it->second;
  }

  // A hit: update recency (and promote out of probation under W-TinyLFU).
  void on_hit(Node* n) {
    if (!tiny_lfu() || n->segment != Segment::kProbation) {
      move_to(n, n->segment);
      return;
    }
    move_to(n, Segment::kProtected);
    while (protected_.bytes() > protected_cap() && protected_.head() != n) {
      move_to(protected_.head(), Segment::kProbation);
    }
  }

  void unlink_dependencies(Node* n) {
    for (const std::string& dep : n->depends_on) {
      auto it = dependents.find(dep);
      if (it == dependents.end()) continue;
      std::erase(it->second, *n->key);
      if (it->second.empty()) dependents.erase(it);
    }
  }

  // Removes a resident node entirely. Returns its charge.
  size_t remove(Node* n) {
    size_t bytes = n->bytes;
    list_of(n->segment).remove(n);
    unlink_dependencies(n);
    nodes.erase(nodes.find(std::string_view(*n->key)));  // destroys n
    return bytes;
  }
  void evict(Node* n) {
    ++stats.evictions;
    stats.evicted_bytes += remove(n);
  }

  Node* insert(std::string_view key, std::shared_ptr<const void> value, size_t bytes,
               std::span<const std::string> depends_on, uint64_t stamp) {
    auto [it, inserted] = nodes.try_emplace(std::string(key));
    Node* n = &it->second;
    n->key = &it->first;
    n->value = std::move(value);
    n->bytes = bytes;
    n->hash = hash_of(key);
    n->stamp = stamp;
    n->depends_on.assign(depends_on.begin(), depends_on.end());
    for (const std::string& dep : n->depends_on) {
      std::vector<std::string>& rev = dependents[dep];
      if (std::find(rev.begin(), rev.end(), key) == rev.end()) rev.emplace_back(key);
    }
    n->segment = Segment::kWindow;
    window.push_back(n);
    if (tiny_lfu()) sketch.ensure_capacity(nodes.size());
    return n;
  }

  void make_room() {
    if (!tiny_lfu()) {
      while (total_bytes() > budget() && !window.empty()) evict(window.head());
      return;
    }
    // Entries overflowing the window become admission candidates at probation's MRU end.
    std::vector<Node*> candidates;
    while (window.bytes() > window_cap() && !window.empty()) {
      Node* n = window.head();
      move_to(n, Segment::kProbation);
      n->candidate = true;
      candidates.push_back(n);
    }
    size_t next = 0;
    while (total_bytes() > budget()) {
      Node* candidate = next < candidates.size() ? candidates[next] : nullptr;
      Node* victim = probation.head();
      if (victim != nullptr && victim->candidate) victim = nullptr;
      if (victim == nullptr) victim = protected_.head();
      if (victim == nullptr && window.head() != nullptr) victim = window.head();
      if (candidate == nullptr && victim == nullptr) break;
      if (candidate == nullptr || victim == nullptr) {
        Node* loser = candidate != nullptr ? candidate : victim;
        if (loser == candidate) ++next;
        evict(loser);
        continue;
      }
      if (candidate->bytes > budget() ||
          sketch.frequency(candidate->hash) <= sketch.frequency(victim->hash)) {
        ++next;
        evict(candidate);
      } else {
        evict(victim);
      }
    }
    for (size_t i = next; i < candidates.size(); ++i) candidates[i]->candidate = false;
  }

  // The least valuable resident entry (for shrink_to).
  Node* coldest() {
    if (!tiny_lfu()) return window.head();
    if (!probation.empty()) return probation.head();
    if (!window.empty()) return window.head();
    return protected_.head();
  }

  void clear() {
    nodes.clear();
    dependents.clear();
    window.clear();
    probation.clear();
    protected_.clear();
  }

  CacheOptions options;
  FrequencySketch sketch;
  StringMap<Node> nodes;
  StringMap<std::vector<std::string>> dependents;  // key -> keys that depend on it
  List window;                                     // LRU: the only list
  List probation;                                  // W-TinyLFU main, entries seen once in main
  List protected_;                                 // W-TinyLFU main, entries hit while in main
  CacheStats stats;
};

BudgetCacheCore::BudgetCacheCore(CacheOptions options)
    : options_(options), impl_(std::make_unique<Impl>(options)) {}

BudgetCacheCore::~BudgetCacheCore() = default;

std::shared_ptr<const void> BudgetCacheCore::get(std::string_view key) {
  std::lock_guard lock(mutex_);
  if (impl_->tiny_lfu()) impl_->sketch.increment(Impl::hash_of(key));
  Node* n = impl_->find(key);
  if (n == nullptr) {
    ++impl_->stats.misses;
    return nullptr;
  }
  ++impl_->stats.hits;
  impl_->on_hit(n);
  return n->value;
}

std::shared_ptr<const void> BudgetCacheCore::get_fresh(std::string_view key, uint64_t stamp) {
  bool stale = false;
  {
    std::lock_guard lock(mutex_);
    Node* n = impl_->find(key);
    stale = n != nullptr && n->stamp != stamp;
  }
  if (stale) invalidate(key);
  return get(key);
}

std::shared_ptr<const void> BudgetCacheCore::peek(std::string_view key) const {
  std::lock_guard lock(mutex_);
  Node* n = impl_->find(key);
  return n == nullptr ? nullptr : n->value;
}

bool BudgetCacheCore::put(std::string_view key, std::shared_ptr<const void> value, size_t bytes,
                          std::span<const std::string> depends_on, uint64_t stamp) {
  std::lock_guard lock(mutex_);
  if (Node* old = impl_->find(key)) impl_->remove(old);  // a replacement, not an eviction
  if (bytes > impl_->budget()) {
    ++impl_->stats.rejections;
    return false;
  }
  impl_->insert(key, std::move(value), bytes, depends_on, stamp);
  impl_->make_room();
  return impl_->find(key) != nullptr;
}

bool BudgetCacheCore::contains(std::string_view key) const {
  std::lock_guard lock(mutex_);
  return impl_->find(key) != nullptr;
}

bool BudgetCacheCore::erase(std::string_view key) {
  std::lock_guard lock(mutex_);
  Node* n = impl_->find(key);
  if (n == nullptr) return false;
  impl_->remove(n);
  return true;
}

std::vector<std::string> BudgetCacheCore::invalidate(std::string_view key) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> dropped;
  std::unordered_set<std::string> seen{std::string(key)};
  std::deque<std::string> queue{std::string(key)};
  while (!queue.empty()) {
    std::string k = std::move(queue.front());
    queue.pop_front();
    if (auto it = impl_->dependents.find(k); it != impl_->dependents.end()) {
      for (const std::string& d : it->second)
        if (seen.insert(d).second) queue.push_back(d);
    }
    if (Node* n = impl_->find(k)) {
      impl_->remove(n);
      ++impl_->stats.invalidations;
      dropped.push_back(std::move(k));
    }
  }
  return dropped;
}

size_t BudgetCacheCore::shrink_to(size_t bytes) {
  std::lock_guard lock(mutex_);
  size_t freed = 0;
  while (impl_->total_bytes() > bytes) {
    Node* n = impl_->coldest();
    if (n == nullptr) break;
    freed += n->bytes;
    impl_->evict(n);
  }
  return freed;
}

void BudgetCacheCore::set_budget(size_t bytes) {
  std::lock_guard lock(mutex_);
  options_.budget_bytes = bytes;
  impl_->options.budget_bytes = bytes;
  if (impl_->tiny_lfu()) impl_->sketch.ensure_capacity(Impl::sketch_entries(impl_->options));
  // Rebalance the segments for the new caps, then evict down to the budget.
  while (impl_->protected_.bytes() > impl_->protected_cap())
    impl_->move_to(impl_->protected_.head(), Segment::kProbation);
  impl_->make_room();
  while (impl_->total_bytes() > bytes) impl_->evict(impl_->coldest());
}

void BudgetCacheCore::clear() {
  std::lock_guard lock(mutex_);
  impl_->clear();
}

CacheStats BudgetCacheCore::stats() const {
  std::lock_guard lock(mutex_);
  CacheStats s = impl_->stats;
  s.entries = impl_->nodes.size();
  s.bytes = impl_->total_bytes();
  s.budget = impl_->budget();
  s.overhead_bytes = impl_->tiny_lfu() ? impl_->sketch.memory_bytes() : 0;
  return s;
}

std::vector<std::string> BudgetCacheCore::dependents_of(std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto it = impl_->dependents.find(key);
  return it == impl_->dependents.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace unjucks::mem
