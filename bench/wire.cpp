/// qunbot-wire: what one frame costs on the v11 wire, without the network. Reads the benchmark's
/// mix of events (bench/workload.hpp) through the full decoder (parse_json into a JSON tree, then
/// decode_frame) and through what the adapter runs (the fast reader, the full decoder for what it
/// declines), and writes a reply as the adapter does for send_group_msg. Prints one JSON line per
/// figure: nanoseconds per frame, the best of several rounds.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/decode.hpp"
#include "adapters/onebot11/fast_reader.hpp"
#include "bench/workload.hpp"

namespace {

namespace ob = adapters::onebot11;
using steady = std::chrono::steady_clock;

// The best of `rounds` passes of `pass` over n frames, in nanoseconds per frame.
template <typename F>
double best_ns(int rounds, std::size_t n, F&& pass) {
    double best = 1e18;
    for (int r = 0; r < rounds; ++r) {
        auto t0 = steady::now();
        pass();
        auto ns = std::chrono::duration<double, std::nano>(steady::now() - t0).count() / static_cast<double>(n);
        best = std::min(best, ns);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qunbot-wire: the cost of reading and writing v11 frames"};
    std::size_t count = 20000;
    int rounds = 7;
    app.add_option("--frames", count, "events of the benchmark mix to read");
    app.add_option("--rounds", rounds, "passes over them; the best is reported");
    CLI11_PARSE(app, argc, argv);

    bench::generator gen(bench::workload_options{});
    std::vector<std::string> frames;
    frames.reserve(count);
    for (std::size_t i = 0; i < count; ++i) frames.push_back(gen.next().json);

    std::size_t events = 0;
    auto full = best_ns(rounds, count, [&] {
        events = 0;
        for (auto const& f : frames) {
            auto parsed = adapters::net::parse_json(f);
            if (parsed && ob::decode_frame(parsed.value).is(ob::decoded::kind::event)) ++events;
        }
    });
    ob::fast_reader reader;
    std::size_t served = 0, fast_events = 0;
    auto adapter = best_ns(rounds, count, [&] {
        served = fast_events = 0;
        for (auto const& f : frames) {
            if (auto d = reader.read(f)) {
                ++served;
                ++fast_events;
                continue;
            }
            auto parsed = adapters::net::parse_json(f);
            if (parsed && ob::decode_frame(parsed.value).is(ob::decoded::kind::event)) ++fast_events;
        }
    });
    if (fast_events != events) {
        std::fprintf(stderr, "the two paths disagree: %zu events against %zu\n", fast_events, events);
        return 1;
    }
    bot::message reply;
    reply.add(bot::seg::at{bot::id(200000001), ""});
    reply.add(bot::seg::text{" checked in: day 12 of 21, 3 in a row. Keep going!"});
    std::size_t bytes = 0;
    auto encode = best_ns(rounds, count, [&] {
        bytes = 0;
        for (std::size_t i = 0; i < count; ++i) {
            auto frame = ob::send_msg_text(bot::target::group_of(bot::id(700000001)), reply);
            bytes += frame->with_echo(nlohmann::json(static_cast<std::int64_t>(i))).size();
        }
    });
    auto line = [](char const* path, double ns, std::string const& extra) {
        std::printf("%s\n", fmt::format(R"({{"phase":"wire","path":"{}","ns_per_frame":{:.0f}{}}})", path, ns, extra).c_str());
    };
    line("read: parse_json + decode_frame", full, fmt::format(R"(,"frames":{},"events":{})", count, events));
    line("read: fast reader, full decoder when declined", adapter,
         fmt::format(R"(,"frames":{},"served_fast":{})", count, served));
    line("write: send_msg_text + with_echo", encode, fmt::format(R"(,"bytes":{})", bytes / count));
    return 0;
}
