// The C++ reference for `kubesim bench engine`: the hold model on std::priority_queue of
// (time, sequence) pairs, with the same GSL mt19937 exponential draws as the Swift engine.
// Build: g++ -O3 -o hold hold.cpp $(pkg-config --cflags --libs gsl)
// Usage: hold PENDING OPERATIONS [SEED]  -> prints a JSON object like kubesim's --format json
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <utility>
#include <vector>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

int main(int argc, char **argv) {
    if (argc < 3) { std::fprintf(stderr, "usage: hold PENDING OPERATIONS [SEED]\n"); return 2; }
    const long pending = std::atol(argv[1]);
    const long operations = std::atol(argv[2]);
    const unsigned long long seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, (unsigned long)((seed >> 32) ^ (seed & 0xffffffffULL)));
    using Entry = std::pair<int64_t, uint64_t>;  // (time ns, sequence): FIFO among equal times
    std::vector<Entry> storage;
    storage.reserve(pending + 1);
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue(std::greater<Entry>(), std::move(storage));
    uint64_t sequence = 0;
    for (long i = 0; i < pending; ++i) queue.push({(int64_t)(gsl_ran_exponential(rng, 1.0) * 1e9), sequence++});
    int64_t now = 0;
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < operations; ++i) {
        now = queue.top().first;
        queue.pop();
        queue.push({now + (int64_t)(gsl_ran_exponential(rng, 1.0) * 1e9), sequence++});
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"finalTime\":%.9f,\"operations\":%ld,\"opsPerSecond\":%.1f,\"pending\":%ld,\"seconds\":%.6f}\n",
                now / 1e9, operations, operations / seconds, pending, seconds);
    gsl_rng_free(rng);
    return 0;
}
