#include "bot/scheduler.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <charconv>
#include <deque>

namespace bot {

namespace {

std::string hhmm(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

time_point from_unix(std::int64_t s) { return time_point(std::chrono::seconds(s)); }
std::int64_t to_unix(time_point t) { return t.time_since_epoch().count(); }

bool same_definition(storage::job_row const& a, storage::job_row const& b) {
    return a.handler == b.handler && a.recurrence == b.recurrence && a.timezone == b.timezone && a.group == b.group &&
           a.payload == b.payload;
}

/// The first of the latest `keep` runs due from `first` up to `now`: older missed runs are skipped.
time_point latest_runs_from(recurrence const& rule, time_zone const& tz, time_point first, time_point now, int keep) {
    std::deque<time_point> window{first};
    for (auto t = rule.next_after(first, tz); t && *t <= now; t = rule.next_after(*t, tz)) {
        window.push_back(*t);
        if (window.size() > static_cast<std::size_t>(keep)) window.pop_front();
    }
    return window.front();
}

}  // namespace

std::string recurrence::str() const {
    switch (what) {
        case kind::daily: return "daily " + hhmm(minute_of_day);
        case kind::weekly: return fmt::format("weekly {} {}", weekday, hhmm(minute_of_day));
        case kind::once: break;
    }
    return fmt::format("once {}", to_unix(at));
}

std::optional<recurrence> recurrence::parse(std::string_view text) {
    if (text.starts_with("daily ")) {
        if (auto m = parse_time_of_day(text.substr(6))) return daily(*m);
    } else if (text.starts_with("weekly ") && text.size() > 9) {
        auto wd = parse_weekday(text.substr(7, 1));
        auto m = parse_time_of_day(text.substr(9));
        if (wd && m) return weekly(*wd, *m);
    } else if (text.starts_with("once ")) {
        std::int64_t s = 0;
        auto body = text.substr(5);
        auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), s);
        if (ec == std::errc{} && ptr == body.data() + body.size()) return once(from_unix(s));
    }
    return std::nullopt;
}

std::optional<time_point> recurrence::next_after(time_point after, time_zone const& tz) const {
    if (what == kind::once) {
        if (at > after) return at;
        return std::nullopt;
    }
    auto day = tz.to_local(after).date;
    // Look at most 8 local days ahead: enough for weekly, with a day's slack for DST edges.
    for (int i = -1; i <= 8; ++i) {
        auto d = day.plus_days(i);
        if (what == kind::weekly && d.weekday() != weekday) continue;
        auto t = tz.from_local(d, minute_of_day / 60, minute_of_day % 60);
        if (t > after) return t;
    }
    return std::nullopt;
}

task<> yield_to_others(int rounds) {
    auto ex = co_await asio::this_coro::executor;
    for (int i = 0; i < rounds; ++i) co_await asio::post(ex, asio::use_awaitable);
}

scheduler::scheduler(asio::any_io_executor ex, clock& clk, storage::job_store& store, group_resolver resolve)
    : clock_(clk), store_(store), resolve_(std::move(resolve)), ex_(ex), wakeup_(ex) {}

void scheduler::set_runner(job_launcher launch, std::function<task<>()> settle) {
    launch_ = std::move(launch);
    settle_ = std::move(settle);
}

void scheduler::add(std::string const& key, job j, time_point next) {
    j.generation = next_generation_++;
    jobs_[key] = std::move(j);
    enqueue(key, next);
}

bool scheduler::current(std::string const& key, std::uint64_t generation) const {
    auto it = jobs_.find(key);
    return it != jobs_.end() && it->second.generation == generation;
}

void scheduler::define(std::string const& handler, job_handler fn) { handlers_[handler] = std::move(fn); }

void scheduler::enqueue(std::string const& key, time_point t) {
    due_.emplace(t, "job:" + key);
    wake();
}

void scheduler::load() {
    for (auto& row : store_.all()) {
        auto rule = recurrence::parse(row.recurrence);
        auto tz = time_zone::load(row.timezone);
        if (!rule || !tz) {
            spdlog::warn("scheduler: job '{}' has an unreadable schedule '{}' in '{}'; skipped", row.key,
                         row.recurrence, row.timezone);
            continue;
        }
        // A job its plugin already scheduled at registration was matched against this row then.
        if (jobs_.count(row.key)) continue;
        auto key = row.key;
        auto next = from_unix(row.next_run);
        add(key, job{std::move(row), *rule, tz}, next);
    }
}

void scheduler::schedule(std::string const& key, std::string const& handler, recurrence r, time_zone const& tz,
                         std::optional<group_ref> group, std::string payload) {
    storage::job_row row{key, handler, group ? group->key() : "", r.str(), tz.name(), std::move(payload), 0};
    if (auto it = jobs_.find(key); it != jobs_.end()) {
        if (same_definition(it->second.row, row)) return;
        cancel(key);
    } else if (auto stored = store_.find(key); stored && same_definition(*stored, row)) {
        // Scheduled again before load() (a plugin registering its jobs at start): keep the stored
        // next run, so the restart neither skips the runs missed while down nor doubles one.
        add(key, job{*stored, r, tz}, from_unix(stored->next_run));
        return;
    }
    auto next = r.next_after(clock_.now(), tz);
    if (r.what == recurrence::kind::once) next = r.at;  // a "once" in the past runs at the next tick
    if (!next) return;
    row.next_run = to_unix(*next);
    store_.upsert(row);
    add(key, job{row, r, tz}, *next);
}

void scheduler::cancel(std::string const& key) {
    if (jobs_.erase(key) == 0) return;
    store_.remove(key);
    std::erase_if(due_, [&](auto const& e) { return e.second == "job:" + key; });
}

std::optional<time_point> scheduler::next_run(std::string const& key) const {
    auto it = jobs_.find(key);
    if (it == jobs_.end()) return std::nullopt;
    return from_unix(it->second.row.next_run);
}

std::uint64_t scheduler::at(time_point t, std::function<void()> fn) {
    auto handle = next_timer_++;
    timers_[handle] = std::move(fn);
    due_.emplace(t, "timer:" + std::to_string(handle));
    wake();
    return handle;
}

void scheduler::cancel_timer(std::uint64_t handle) {
    if (timers_.erase(handle) == 0) return;
    std::erase_if(due_, [&](auto const& e) { return e.second == "timer:" + std::to_string(handle); });
}

std::optional<time_point> scheduler::next_due() const {
    if (due_.empty()) return std::nullopt;
    return due_.begin()->first;
}

void scheduler::run_due() {
    std::map<std::string, int> runs;
    while (!due_.empty() && due_.begin()->first <= clock_.now()) {
        auto when = due_.begin()->first;
        auto what = due_.begin()->second;
        due_.erase(due_.begin());
        if (what.starts_with("timer:")) {
            auto handle = std::stoull(what.substr(6));
            auto it = timers_.find(handle);
            if (it == timers_.end()) continue;
            auto fn = std::move(it->second);
            timers_.erase(it);
            fn();
            continue;
        }
        auto key = what.substr(4);
        auto it = jobs_.find(key);
        // A stale entry: the job was cancelled, or replaced and queued again for another time.
        if (it == jobs_.end() || to_unix(when) != it->second.row.next_run) continue;
        auto& j = it->second;
        if (runs[key] == 0 && when < clock_.now()) {
            // Missed runs (the bot was down): only the latest max_catch_up are caught up.
            when = latest_runs_from(j.rule, *j.tz, when, clock_.now(), max_catch_up);
        }
        job_run run{key, j.row.handler, std::nullopt, j.row.payload, when};
        if (!j.row.group.empty()) run.group = resolve_(j.row.group);
        // The next run is set now, not when the handler is done: the loop goes on to it (a catch-up
        // run may be due at once) while this one may still be running. It is persisted when this run
        // is done, so a crash in the middle runs this one again rather than skipping it.
        auto base = ++runs[key] >= max_catch_up ? clock_.now() : when;
        auto next = j.rule.next_after(base, *j.tz);
        if (next) {
            j.row.next_run = to_unix(*next);
            due_.emplace(*next, "job:" + key);
        } else {
            j.row.next_run = 0;  // none: the job is forgotten when this run is done
        }
        auto work = [this, run, generation = j.generation, next] { return run_one(run, generation, next); };
        if (launch_) {
            launch_(run, std::move(work));
        } else {
            asio::post(ex_, [ex = ex_, work = std::move(work)] { asio::co_spawn(ex, work(), asio::detached); });
        }
    }
}

task<> scheduler::run_one(job_run run, std::uint64_t generation, std::optional<time_point> next) {
    // Cancelled or replaced while it waited for its turn in the queue. After stop() a run that has
    // not started stays due in the database and runs after the restart.
    if (stopped_ || !current(run.key, generation)) co_return;
    auto it = jobs_.find(run.key);
    auto const group_key = it->second.row.group;
    if (auto h = handlers_.find(run.handler); h == handlers_.end()) {
        spdlog::warn("scheduler: no handler '{}' for job '{}'", run.handler, run.key);
    } else if (!group_key.empty() && !run.group) {
        spdlog::warn("scheduler: job '{}' names unknown group '{}'", run.key, group_key);
    } else {
        try {
            auto handler = h->second;  // a copy: the handler may redefine its own name
            co_await handler(run);
        } catch (std::exception const& e) {
            spdlog::error("scheduler: job '{}' failed: {}", run.key, e.what());
        }
    }
    // The handler may have cancelled or replaced its own job; that stored its own row.
    if (!current(run.key, generation)) co_return;
    if (!next) {
        jobs_.erase(run.key);
        store_.remove(run.key);
        co_return;
    }
    store_.set_next_run(run.key, to_unix(*next));
}

task<> scheduler::advance(manual_clock& clk, time_point to) {
    auto settle = [this]() -> task<> {
        if (settle_) {
            co_await settle_();
        } else {
            co_await yield_to_others();
        }
    };
    while (auto next = next_due()) {
        if (*next > to) break;
        if (*next > clk.now()) clk.set(*next);
        run_due();
        co_await settle();
    }
    if (to > clk.now()) clk.set(to);
    co_await settle();
}

void scheduler::wake() {
    if (!clock_.is_manual()) wakeup_.cancel();
}

task<> scheduler::run_forever() {
    while (!stopped_) {
        run_due();
        auto now = clock_.now();
        // Re-check at least every minute, so a wall-clock jump is noticed.
        auto until = now + std::chrono::seconds(60);
        if (auto next = next_due(); next && *next < until) until = *next;
        wakeup_.expires_at(std::chrono::system_clock::time_point(until));
        co_await wakeup_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

void scheduler::stop() {
    stopped_ = true;
    wakeup_.cancel();
}

}  // namespace bot
