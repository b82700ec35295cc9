#pragma once
/// The scheduler: "every day at 21:00", "every Wednesday 20:00" and "once at T" in a group's time
/// zone, driven by the injected clock. Jobs are persisted, so they survive a restart and catch up.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/system_timer.hpp>

#include "bot/clock.hpp"
#include "bot/task.hpp"
#include "bot/timezone.hpp"
#include "storage/jobs.hpp"

namespace bot {

/// When a job repeats.
struct recurrence {
    enum class kind { once, daily, weekly };
    kind what = kind::once;
    int minute_of_day = 0;  ///< daily and weekly
    int weekday = 1;        ///< weekly: 1 = Monday ... 7 = Sunday
    time_point at{};        ///< once

    static recurrence daily(int minute_of_day) { return {kind::daily, minute_of_day, 1, {}}; }
    static recurrence weekly(int weekday, int minute_of_day) { return {kind::weekly, minute_of_day, weekday, {}}; }
    static recurrence once(time_point t) { return {kind::once, 0, 1, t}; }

    /// "daily 21:00", "weekly 3 20:00", "once 1767225600".
    std::string str() const;
    static std::optional<recurrence> parse(std::string_view text);
    /// The first run strictly after `after`, in the zone's local time; nullopt for a past "once".
    std::optional<time_point> next_after(time_point after, time_zone const& tz) const;
};

/// What a job handler is told when it runs.
struct job_run {
    std::string key;
    std::string handler;
    std::optional<group_ref> group;
    std::string payload;
    time_point fire_time;  ///< when it was due (a catch-up run gets the missed time, not now)
};

using job_handler = std::function<task<>(job_run const&)>;
/// Starts a due job's `work` (its handler, then its bookkeeping) and returns without waiting for it.
using job_launcher = std::function<void(job_run const& run, std::function<task<>()> work)>;

class scheduler {
public:
    using group_resolver = std::function<std::optional<group_ref>(std::string const& group_key)>;
    /// At most this many missed runs of one job are caught up at once; older ones are skipped.
    static constexpr int max_catch_up = 31;

    scheduler(asio::any_io_executor ex, clock& clk, storage::job_store& store, group_resolver resolve);

    /// Where due jobs run (the core puts each into its group's queue) and how advance() waits for
    /// what it released to settle. Without it a job is spawned on its own and advance() lets ready
    /// coroutines run for a few rounds.
    void set_runner(job_launcher launch, std::function<task<>()> settle);

    /// Registers the code for a handler name; persisted jobs refer to handlers by name.
    void define(std::string const& handler, job_handler fn);
    /// Forgets a handler (its plugin went); its persisted jobs stay for when it comes back.
    void undefine(std::string const& handler) { handlers_.erase(handler); }
    /// Creates or updates a persisted job. An unchanged job keeps its next run, so restarts and
    /// repeated calls never skip or double a run.
    void schedule(std::string const& key, std::string const& handler, recurrence r, time_zone const& tz,
                  std::optional<group_ref> group, std::string payload = {});
    void cancel(std::string const& key);
    bool has(std::string const& key) const { return jobs_.count(key) > 0; }
    std::optional<time_point> next_run(std::string const& key) const;

    /// An in-memory one-shot timer on the same clock (not persisted); returns a handle.
    std::uint64_t at(time_point t, std::function<void()> fn);
    void cancel_timer(std::uint64_t handle);

    /// Loads persisted jobs; call once at start.
    void load();
    std::optional<time_point> next_due() const;
    /// Releases everything due at the clock's now, in time order: timers fire, jobs are launched.
    /// It never waits for a handler; a job's next run is set before its handler starts.
    void run_due();
    /// Moves a manual clock forward to `to`, stopping at each due time so jobs see their own time,
    /// and waiting there until the work released has settled.
    task<> advance(manual_clock& clk, time_point to);
    /// Runs the real-time loop until stop() (only for a non-manual clock).
    task<> run_forever();
    void stop();

private:
    struct job {
        storage::job_row row;
        recurrence rule;
        std::optional<time_zone> tz;
        std::uint64_t generation = 0;  ///< new for every definition; a cancelled job's runs see it gone
    };
    void wake();
    void enqueue(std::string const& key, time_point t);
    void add(std::string const& key, job j, time_point next);
    /// Whether the job released as `generation` is still the one defined under `key`.
    bool current(std::string const& key, std::uint64_t generation) const;
    /// A due job's run: its handler, then the persisted next run (nullopt: it was the last one).
    task<> run_one(job_run run, std::uint64_t generation, std::optional<time_point> next);

    clock& clock_;
    storage::job_store& store_;
    group_resolver resolve_;
    std::map<std::string, job_handler> handlers_;
    std::map<std::string, job> jobs_;
    std::multimap<time_point, std::string> due_;  ///< "job:<key>" or "timer:<n>"
    std::map<std::uint64_t, std::function<void()>> timers_;
    std::uint64_t next_timer_ = 1;
    std::uint64_t next_generation_ = 1;
    job_launcher launch_;
    std::function<task<>()> settle_;
    asio::any_io_executor ex_;
    asio::system_timer wakeup_;
    bool stopped_ = false;
};

/// Lets other coroutines that are ready run before continuing (used after time moves).
task<> yield_to_others(int rounds = 8);

}  // namespace bot
