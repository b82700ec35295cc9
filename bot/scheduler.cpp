#include "bot/scheduler.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
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
    : clock_(clk), store_(store), resolve_(std::move(resolve)), wakeup_(ex) {}

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
        jobs_[key] = job{std::move(row), *rule, tz};
        enqueue(key, next);
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
        jobs_[key] = job{*stored, r, tz};
        enqueue(key, from_unix(stored->next_run));
        return;
    }
    auto next = r.next_after(clock_.now(), tz);
    if (r.what == recurrence::kind::once) next = r.at;  // a "once" in the past runs at the next tick
    if (!next) return;
    row.next_run = to_unix(*next);
    store_.upsert(row);
    jobs_[key] = job{row, r, tz};
    enqueue(key, *next);
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

task<> scheduler::run_due() {
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
        if (runs[key] == 0 && when < clock_.now()) {
            // Missed runs (the bot was down): only the latest max_catch_up are caught up.
            when = latest_runs_from(it->second.rule, *it->second.tz, when, clock_.now(), max_catch_up);
            it->second.row.next_run = to_unix(when);
        }
        auto current = it->second;
        job_run run{key, current.row.handler, std::nullopt, current.row.payload, when};
        if (!current.row.group.empty()) run.group = resolve_(current.row.group);
        if (auto h = handlers_.find(current.row.handler); h == handlers_.end()) {
            spdlog::warn("scheduler: no handler '{}' for job '{}'", current.row.handler, key);
        } else if (!current.row.group.empty() && !run.group) {
            spdlog::warn("scheduler: job '{}' names unknown group '{}'", key, current.row.group);
        } else {
            try {
                co_await h->second(run);
            } catch (std::exception const& e) {
                spdlog::error("scheduler: job '{}' failed: {}", key, e.what());
            }
        }
        // The handler may have cancelled or replaced its own job.
        it = jobs_.find(key);
        if (it == jobs_.end() || it->second.row.recurrence != current.row.recurrence ||
            it->second.row.next_run != current.row.next_run)
            continue;
        auto base = ++runs[key] >= max_catch_up ? clock_.now() : when;
        auto next = it->second.rule.next_after(base, *it->second.tz);
        if (!next) {
            jobs_.erase(it);
            store_.remove(key);
            continue;
        }
        it->second.row.next_run = to_unix(*next);
        store_.set_next_run(key, it->second.row.next_run);
        due_.emplace(*next, "job:" + key);
    }
}

task<> scheduler::advance(manual_clock& clk, time_point to) {
    while (auto next = next_due()) {
        if (*next > to) break;
        if (*next > clk.now()) clk.set(*next);
        co_await run_due();
        co_await yield_to_others();
    }
    if (to > clk.now()) clk.set(to);
    co_await yield_to_others();
}

void scheduler::wake() {
    if (!clock_.is_manual()) wakeup_.cancel();
}

task<> scheduler::run_forever() {
    while (!stopped_) {
        co_await run_due();
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
