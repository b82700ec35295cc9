// qunbot-loadgen: plays a OneBot v11 implementation (as NapCat does) against a bot, runs the
// benchmark phases, and writes every figure as JSON lines. `--report` prints the table of a run.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench/driver.hpp"
#include "bench/target.hpp"

namespace {

using nlohmann::json;
using bench::clock;

struct phase_spec {
    std::string kind;  ///< closed, open, overload, checkin, prefill
    double rate = 0;    ///< events/s; for overload, the factor of the last closed phase's rate
    double seconds = 0;
    std::uint64_t rows = 0;
};

std::vector<phase_spec> parse_phases(std::string const& text) {
    std::vector<phase_spec> out;
    std::stringstream all(text);
    std::string item;
    while (std::getline(all, item, ',')) {
        std::vector<std::string> parts;
        std::stringstream one(item);
        std::string p;
        while (std::getline(one, p, ':')) parts.push_back(p);
        if (parts.empty()) continue;
        phase_spec s{parts[0]};
        if (s.kind == "closed" && parts.size() == 2) s.seconds = std::stod(parts[1]);
        else if ((s.kind == "open" || s.kind == "checkin" || s.kind == "overload") && parts.size() == 3) {
            s.rate = std::stod(parts[1]);
            s.seconds = std::stod(parts[2]);
        } else if (s.kind == "prefill" && parts.size() == 2) s.rows = std::stoull(parts[1]);
        else throw std::runtime_error("bad phase '" + item + "' (closed:S, open:RATE:S, overload:FACTOR:S, checkin:RATE:S, prefill:ROWS)");
        out.push_back(s);
    }
    return out;
}

std::string rows_label(std::uint64_t rows) {
    if (rows >= 1000000 && rows % 1000000 == 0) return std::to_string(rows / 1000000) + "M";
    if (rows >= 1000 && rows % 1000 == 0) return std::to_string(rows / 1000) + "k";
    return std::to_string(rows);
}

/// One counter of the target's Prometheus text on http://host:port/metrics (the console's), summed
/// over its label sets; nullopt when it cannot be read. Blocking: it runs between phases only.
std::optional<double> scrape_counter(std::string const& host, unsigned short port, std::string const& name) {
    namespace http = boost::beast::http;
    try {
        boost::asio::io_context io;
        boost::asio::ip::tcp::resolver resolver(io);
        boost::asio::ip::tcp::socket socket(io);
        boost::asio::connect(socket, resolver.resolve(host, std::to_string(port)));
        http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
        req.set(http::field::host, host);
        req.set(http::field::connection, "close");
        http::write(socket, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        if (res.result() != http::status::ok) return std::nullopt;
        std::istringstream lines(res.body());
        std::string line;
        std::optional<double> sum;
        while (std::getline(lines, line)) {
            if (!line.starts_with(name)) continue;
            auto rest = line.substr(name.size());
            if (!rest.empty() && rest.front() != ' ' && rest.front() != '{') continue;  // a longer name
            auto space = line.rfind(' ');
            sum = sum.value_or(0) + std::stod(line.substr(space + 1));
        }
        return sum;
    } catch (std::exception const&) {
        return std::nullopt;
    }
}

struct run_options {
    std::string label = "qunbot";
    bench::connection_options conn;
    bench::workload_options work;
    std::string phases = "closed:10,open:1000:10,open:10000:10,open:50000:10";
    std::size_t window = 128;
    std::string json_path;
    std::string db;
    std::string dir = ".";
    std::vector<std::string> command;
    unsigned short metrics_port = 0;  ///< the target's console, for SQLite commits per phase; 0: none
};

class runner {
public:
    explicit runner(run_options o) : o_(std::move(o)), io_(), d_(io_, o_.conn, o_.work) {
        o_.dir = std::filesystem::absolute(o_.dir).string();
        if (!o_.json_path.empty()) out_.open(o_.json_path, std::ios::app);
    }

    int run() {
        int rc = 0;
        asio_spawn([this, &rc]() -> boost::asio::awaitable<void> {
            try {
                co_await main_flow();
            } catch (std::exception const& e) {
                std::cerr << "loadgen: " << e.what() << "\n";
                rc = 1;
            }
            io_.stop();
        });
        io_.run();
        if (proc_) {
            note_process();
            proc_->stop();
        }
        emit_summary();
        return rc;
    }

private:
    template <typename F>
    void asio_spawn(F f) {
        boost::asio::co_spawn(io_, f, [](std::exception_ptr e) {
            if (e) std::rethrow_exception(e);
        });
    }

    boost::asio::awaitable<void> start_and_connect() {
        auto t0 = clock::now();
        if (!o_.command.empty()) proc_ = std::make_unique<bench::target>(o_.command, o_.dir, o_.dir + "/" + o_.label + ".log");
        co_await d_.connect();
        auto ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        if (!o_.command.empty()) starts_.push_back(ms);
        std::cerr << fmt::format("{}: connected {:.1f} ms after start\n", o_.label, ms);
    }

    boost::asio::awaitable<void> main_flow() {
        auto phases = parse_phases(o_.phases);
        co_await start_and_connect();
        // Let the bot settle its connect handshake (login probe, first queries) before measuring.
        boost::asio::steady_timer settle(io_, std::chrono::milliseconds(200));
        co_await settle.async_wait(boost::asio::use_awaitable);
        for (auto const& p : phases) {
            if (p.kind == "prefill") {
                co_await d_.disconnect();
                if (proc_) {
                    note_process();
                    proc_->stop();
                    proc_.reset();
                }
                if (!o_.db.empty()) {
                    auto total = bench::prefill_checkins(o_.db, p.rows, o_.work.groups, o_.work.members);
                    prefilled_ += p.rows;
                    std::cerr << fmt::format("{}: prefilled {} check-in rows ({} in the table)\n", o_.label, p.rows, total);
                } else {
                    prefilled_ += p.rows;  // no database: nothing to fill, the phase names stay comparable
                }
                co_await start_and_connect();
                continue;
            }
            // Each phase's peak RSS is its own: the kernel's high-water mark starts again here.
            if (proc_) proc_->reset_peak_rss();
            auto cpu0 = proc_ ? proc_->cpu_seconds() : 0.0;
            auto own0 = bench::own_cpu_seconds();
            auto commits0 = commits();
            bench::phase_result r;
            if (p.kind == "closed") {
                r = co_await d_.closed_loop("closed", p.seconds, o_.window);
            } else if (p.kind == "open") {
                r = co_await d_.open_loop("open-" + std::to_string(static_cast<long>(p.rate)), p.rate, p.seconds);
            } else if (p.kind == "overload") {
                // A multiple of the saturated rate just measured: more than the target can take, so
                // what it cannot read waits here, as it would at an implementation.
                if (saturated_ <= 0) throw std::runtime_error("an overload phase needs a closed phase before it");
                auto name = "overload-" + fmt::format("{:g}", p.rate) + "x";
                r = co_await d_.open_loop(name, p.rate * saturated_, p.seconds);
            } else {
                auto name = "checkin-" + std::to_string(static_cast<long>(p.rate)) + "@" + rows_label(prefilled_) + "-rows";
                r = co_await d_.open_loop(name, p.rate, p.seconds, bench::kind::checkin);
            }
            if (p.kind == "closed") saturated_ = r.events_per_s;
            auto commits1 = commits();
            std::optional<double> phase_commits;
            if (commits0 && commits1) phase_commits = *commits1 - *commits0;
            emit_phase(r, proc_ ? proc_->cpu_seconds() - cpu0 : 0.0, bench::own_cpu_seconds() - own0, phase_commits);
            if (!d_.connected()) throw std::runtime_error("the connection was lost during " + r.name);
        }
        co_await d_.disconnect();
    }

    /// The target's SQLite write transactions so far, when it serves its metrics.
    std::optional<double> commits() const {
        if (o_.metrics_port == 0) return std::nullopt;
        return scrape_counter(o_.conn.host, o_.metrics_port, "qunbot_sqlite_commits_total");
    }

    void note_process() {
        if (!proc_) return;
        peak_kib_ = std::max(peak_kib_, proc_->peak_rss_kib());
        cpu_total_ += proc_->cpu_seconds();
    }

    void emit_phase(bench::phase_result const& r, double target_cpu, double own_cpu, std::optional<double> commits) {
        json j = {{"target", o_.label},     {"phase", r.name},         {"mode", r.mode},
                  {"offered_rate", r.offered_rate},                    {"seconds", r.seconds},
                  {"events", r.events},     {"events_per_s", r.events_per_s},
                  {"drain_s", r.drain_seconds},
                  {"expected", r.expected}, {"matched", r.matched},    {"missing", r.missing},
                  {"unexpected", r.unexpected},                        {"queries", r.queries},
                  {"p50_ms", r.p50_ms},     {"p90_ms", r.p90_ms},      {"p99_ms", r.p99_ms},
                  {"max_ms", r.max_ms},     {"cpu_s", target_cpu},
                  {"cpu_pct", r.seconds + r.drain_seconds > 0 ? 100.0 * target_cpu / (r.seconds + r.drain_seconds) : 0.0},
                  {"loadgen_cpu_s", own_cpu}};
        if (proc_) {
            j["rss_mb"] = static_cast<double>(proc_->rss_kib()) / 1024.0;
            j["peak_rss_mb"] = static_cast<double>(proc_->peak_rss_kib()) / 1024.0;
            peak_kib_ = std::max(peak_kib_, proc_->peak_rss_kib());  // the phases' peaks are reset: keep the highest
            // CPU time of the phase and its drain per event sent: what one event costs the target.
            if (r.events > 0) j["cpu_us_per_event"] = target_cpu * 1e6 / static_cast<double>(r.events);
        }
        // Every expected action came, none twice and none unexpected.
        j["all_answered"] = r.missing == 0 && r.unexpected == 0 && r.matched == r.expected;
        if (commits) {
            // Write transactions during the phase and its drain, per event offered: what storage costs.
            j["sqlite_commits"] = *commits;
            j["commits_per_event"] = r.events > 0 ? *commits / static_cast<double>(r.events) : 0.0;
        }
        if (!r.missing_samples.empty()) j["missing_keys"] = r.missing_samples;
        if (!r.unexpected_samples.empty()) j["unexpected_actions"] = r.unexpected_samples;
        write(j);
        std::cerr << fmt::format("{} {:<22} {:>9.0f} ev/s  p50 {:.3f}  p99 {:.3f}  max {:.3f} ms  matched {}/{}  missing {}  unexpected {}\n",
                                 o_.label, r.name, r.events_per_s, r.p50_ms, r.p99_ms, r.max_ms, r.matched, r.expected,
                                 r.missing, r.unexpected);
    }

    void emit_summary() {
        json j = {{"target", o_.label}, {"phase", "process"}, {"peak_rss_mb", static_cast<double>(peak_kib_) / 1024.0},
                  {"cpu_s", cpu_total_}};
        if (!starts_.empty()) j["start_to_connected_ms"] = starts_.front();
        if (starts_.size() > 1) j["restart_to_connected_ms"] = starts_.back();
        write(j);
    }

    void write(json const& j) {
        if (out_.is_open()) {
            out_ << j.dump() << "\n";
            out_.flush();
        }
    }

    run_options o_;
    boost::asio::io_context io_;
    bench::driver d_;
    std::unique_ptr<bench::target> proc_;
    std::ofstream out_;
    std::uint64_t prefilled_ = 0;
    double saturated_ = 0;  ///< events/s of the last closed phase
    std::uint64_t peak_kib_ = 0;
    double cpu_total_ = 0;
    std::vector<double> starts_;
};

/// Prints the table of a JSON-lines file: each phase for each target, and the ratio of the first
/// target to the last (qunbot to the baseline).
int report(std::string const& path) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << "cannot read " << path << "\n";
        return 2;
    }
    std::vector<std::string> targets, phases;
    std::map<std::pair<std::string, std::string>, json> rows;
    std::string line;
    while (std::getline(in, line)) {
        auto j = json::parse(line, nullptr, false);
        if (!j.is_object()) continue;
        auto t = j.value("target", std::string());
        auto p = j.value("phase", std::string());
        if (t.empty()) continue;  // the machine line
        if (std::find(targets.begin(), targets.end(), t) == targets.end()) targets.push_back(t);
        if (std::find(phases.begin(), phases.end(), p) == phases.end()) phases.push_back(p);
        rows[{t, p}] = j;
    }
    auto num = [](json const& j, char const* k) { return j.contains(k) ? j[k].get<double>() : 0.0; };
    std::printf("%-24s %-9s %10s %8s %8s %8s %9s %8s %6s %6s %7s %7s %8s %9s\n", "phase", "target", "events/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "matched", "miss", "unexp", "cpu %", "µs/ev", "peak MB",
                "commit/ev");
    for (auto const& p : phases) {
        if (p == "process") continue;
        for (auto const& t : targets) {
            auto it = rows.find({t, p});
            if (it == rows.end()) continue;
            auto const& j = it->second;
            auto per_event = j.contains("commits_per_event") ? fmt::format("{:9.3f}", num(j, "commits_per_event"))
                                                             : std::string(9, ' ');
            std::printf("%-24s %-9s %10.0f %8.3f %8.3f %8.3f %9.3f %8.0f %6.0f %6.0f %7.0f %7.1f %8.1f %s\n", p.c_str(),
                        t.c_str(), num(j, "events_per_s"), num(j, "p50_ms"), num(j, "p90_ms"), num(j, "p99_ms"),
                        num(j, "max_ms"), num(j, "matched"), num(j, "missing"), num(j, "unexpected"), num(j, "cpu_pct"),
                        num(j, "cpu_us_per_event"), num(j, "peak_rss_mb"), per_event.c_str());
        }
    }
    std::printf("\n%-10s %16s %16s %16s %10s\n", "target", "start→conn ms", "restart→conn ms", "peak RSS MB", "CPU s");
    for (auto const& t : targets) {
        auto it = rows.find({t, "process"});
        if (it == rows.end()) continue;
        auto const& j = it->second;
        std::printf("%-10s %16.1f %16.1f %16.1f %10.1f\n", t.c_str(), num(j, "start_to_connected_ms"),
                    num(j, "restart_to_connected_ms"), num(j, "peak_rss_mb"), num(j, "cpu_s"));
    }
    if (targets.size() >= 2) {
        auto a = rows.find({targets.front(), "closed"});
        auto b = rows.find({targets.back(), "closed"});
        if (a != rows.end() && b != rows.end() && num(b->second, "events_per_s") > 0) {
            auto ratio = num(a->second, "events_per_s") / num(b->second, "events_per_s");
            std::printf("\nsaturated throughput: %s %.0f events/s = %.1f %% of %s (%.0f events/s)\n", targets.front().c_str(),
                        num(a->second, "events_per_s"), 100.0 * ratio, targets.back().c_str(), num(b->second, "events_per_s"));
            json j = {{"target", targets.front()}, {"phase", "ratio"}, {"of", targets.back()},
                      {"closed_throughput_ratio", ratio}};
            std::cout << "\n" << j.dump() << "\n";
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"qunbot-loadgen — a OneBot v11 load generator (plays NapCat against a bot)"};
    run_options o;
    std::string report_path;
    app.add_option("--label", o.label, "name of the target in the results")->capture_default_str();
    app.add_option("--host", o.conn.host)->capture_default_str();
    app.add_option("--port", o.conn.port, "the bot's reverse WebSocket port (or ours with --listen)")->capture_default_str();
    app.add_option("--path", o.conn.path, "WebSocket path")->capture_default_str();
    app.add_option("--token", o.conn.token, "access token (sent as Authorization: Bearer)");
    app.add_flag("--listen", o.conn.listen, "forward mode: listen and let the bot dial in");
    app.add_option("--self-id", o.work.self_id)->capture_default_str();
    app.add_option("--groups", o.work.groups)->capture_default_str();
    app.add_option("--members", o.work.members)->capture_default_str();
    app.add_option("--phases", o.phases, "closed:S, open:RATE:S, overload:FACTOR:S, checkin:RATE:S, prefill:ROWS, comma-separated")
        ->capture_default_str();
    app.add_option("--window", o.window, "closed loop: events expecting actions in flight")->capture_default_str();
    app.add_option("--json", o.json_path, "append JSON lines here");
    app.add_option("--db", o.db, "the target's SQLite database (for prefill)");
    app.add_option("--dir", o.dir, "working directory of the started target (its log goes there)")->capture_default_str();
    app.add_option("--report", report_path, "print the table of a JSON-lines file and exit");
    app.add_option("--metrics-port", o.metrics_port,
                   "the target's console port: SQLite write transactions per phase from its /metrics");
    app.add_option("command", o.command, "the target to start and measure (after --)");
    CLI11_PARSE(app, argc, argv);
    if (!report_path.empty()) return report(report_path);
    try {
        runner r(o);
        return r.run();
    } catch (std::exception const& e) {
        std::cerr << "loadgen: " << e.what() << "\n";
        return 1;
    }
}
