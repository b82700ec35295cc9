// What the admin console and the metrics need of the core: commands run on a viewer's behalf with
// their replies captured, the panels plugins contribute, and the counters.
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core.hpp"
#include "bot/waiter.hpp"
#include "storage/database.hpp"

namespace bot {

namespace {

/// Stands in for the account in the group for replies to a console command: it keeps what the
/// command answers instead of posting it, and can do nothing else.
class capture_platform final : public platform {
public:
    capture_platform(std::string name, id self, capabilities caps)
        : name_(std::move(name)), self_(std::move(self)), caps_(caps) {}

    std::string const& name() const override { return name_; }
    id const& self_id() const override { return self_; }
    capabilities const& caps() const override { return caps_; }

    task<result<id>> send(target, message msg) override {
        replies.push_back(msg.plain_text());
        co_return id("console-reply-" + std::to_string(replies.size()));
    }
    task<status> recall(id) override { co_return refused(); }
    task<status> mute(id, id, std::chrono::seconds) override { co_return refused(); }
    task<status> kick(id, id, bool) override { co_return refused(); }
    task<result<member_info>> member(id, id) override { co_return refused(); }
    task<result<std::vector<member_info>>> members(id) override { co_return refused(); }
    task<status> answer_request(request_answer) override { co_return refused(); }

    std::vector<std::string> replies;

private:
    static error refused() { return error{errc::not_connected, "the group's account is not connected"}; }
    std::string name_;
    id self_;
    capabilities caps_;
};

}  // namespace

std::vector<std::shared_ptr<api>> core::accounts() const {
    std::vector<std::shared_ptr<api>> out;
    for (auto const& [key, a] : accounts_) out.push_back(a);
    return out;
}

std::size_t core::queued() const {
    std::size_t n = 0;
    for (auto const& [key, q] : queues_) n += q.pending.size();
    return n;
}

void core::add_panel(panel::definition p) {
    std::erase_if(panels_, [&](auto const& old) { return old.plugin == p.plugin && old.id == p.id; });
    panels_.push_back(std::move(p));
}

task<console_run> core::run_as(group_ref const& g, sender who, message text) {
    auto out = std::make_shared<console_run>();
    auto done = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
    // Behind the group's events, like a message typed there: one thing at a time per group.
    auto key = account_key(g.platform, g.self_id) + "|" + g.key();
    enqueue(key, queued_job{"console command", [this, g, who = std::move(who), text = std::move(text), out,
                                                done]() -> task<> {
                                try {
                                    co_await console_command(g, who, text, *out);
                                } catch (...) {
                                    done->cancel();
                                    throw;
                                }
                                done->cancel();
                            }});
    co_await done->async_wait(asio::as_tuple(asio::use_awaitable));
    co_return std::move(*out);
}

task<> core::console_command(group_ref g, sender who, message text, console_run& out) {
    auto real = account_for(g);
    auto capture = std::make_shared<capture_platform>(g.platform, real ? real->self_id() : g.self_id,
                                                      real ? real->caps() : capabilities{});
    auto quiet = cfg_.outbox;
    quiet.enabled = false;
    quiet.max_chars = 1 << 20;
    quiet.max_lines = 1 << 20;
    auto replier = std::make_shared<api>(*capture, quiet);
    event e{g.platform, g.self_id, clock_.now(),
            ev::group_message{id("console-" + std::to_string(++console_runs_)), g.group, std::move(who), text}};
    session s(*this, std::move(e), real ? real : replier, replier);
    auto m = commands_.match(text, g.self_id, cfg_.bot.command_prefixes);
    if (m) {
        auto const& cmd = *m->cmd;
        if (plugin_enabled(cmd.plugin, g.key()) && command_enabled(cmd.name(), g.key()) && cmd.where(s)) {
            out.ran = true;
            s.handled_by_command = true;
            try {
                co_await run_command(s, *m);
                ++stats_.handled;
            } catch (std::exception const& ex) {
                ++stats_.errors;
                spdlog::error("console command /{} failed: {}", cmd.name(), ex.what());
                out.replies.push_back(std::string("内部错误：") + ex.what());
            }
        }
    }
    for (auto& r : capture->replies) out.replies.push_back(std::move(r));
    // The replier goes with this frame; the capture platform must outlive it.
    replier->detach();
}

void core::declare_metrics() {
    metrics_.counter("qunbot_events_received_total", "Events received from the adapters, duplicates included");
    metrics_.counter("qunbot_events_duplicate_total", "Events dropped as copies of one already handled");
    metrics_.counter("qunbot_events_own_total", "The bot's own messages seen coming back, dropped");
    metrics_.counter("qunbot_events_failed_total", "Events whose handling threw");
    metrics_.counter("qunbot_actions_total", "Calls to the platforms (send, mute, kick, recall, ...) by outcome");
    metrics_.counter("qunbot_mutes_total", "Mutes the bot made, by who or what asked for them");
    metrics_.histogram("qunbot_event_handling_seconds", "Time from dispatch to the end of an event's handling",
                       {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30});
    metrics_.gauge("qunbot_queue_depth", "Events and jobs waiting in the per-chat queues",
                   [this] { return static_cast<double>(queued()); });
    metrics_.gauge("qunbot_account_copies_remembered",
                   "Group messages remembered to recognise their copies through the platform's other accounts",
                   [this] { return static_cast<double>(sightings_.size()); });
    metrics_.gauge("qunbot_queued_events", "Events waiting in the per-chat queues (what [limits] bounds)",
                   [this] { return static_cast<double>(flow_.queued_events()); });
    metrics_.gauge("qunbot_queued_events_peak", "The most events that waited in the queues at once",
                   [this] { return static_cast<double>(flow_.peak_events()); });
    metrics_.gauge("qunbot_backpressure_paused", "1 while reading from the connections is paused ([limits])",
                   [this] { return flow_.paused() ? 1.0 : 0.0; });
    metrics_.counter_read("qunbot_backpressure_pauses_total", "Times reading paused because too many events waited",
                          [this] { return static_cast<double>(flow_.pauses()); });
    metrics_.counter_read("qunbot_backpressure_paused_seconds_total", "Time reading was paused",
                          [this] { return flow_.paused_seconds(); });
    metrics_.counter_read("qunbot_write_batches_total", "Batches of bookkeeping written ([storage] batch_ms)",
                          [this] { return static_cast<double>(batch_.batches()); });
    metrics_.counter_read("qunbot_group_commits_total",
                          "Transactions that committed the writes replies waited for, one per loop turn with any",
                          [this] { return static_cast<double>(commits_.commits()); });
    metrics_.counter_read("qunbot_group_commit_writes_total", "Writes replies waited for, committed in those",
                          [this] { return static_cast<double>(commits_.writes()); });
    metrics_.gauge("qunbot_accounts_connected", "Accounts connected now",
                   [this] { return static_cast<double>(accounts_.size()); });
    metrics_.gauge("qunbot_uptime_seconds", "Seconds since the bot started", [this] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
    });
    metrics_.counter_read("qunbot_sqlite_commits_total", "SQLite write transactions committed",
                          [this] { return static_cast<double>(db_.stats().commits); });
    metrics_.counter_read("qunbot_sqlite_busy_waits_total", "Statements that found the database locked and waited",
                          [this] { return static_cast<double>(db_.stats().busy_waits); });
    metrics_.counter_read("qunbot_sqlite_checkpoints_total", "WAL checkpoints run",
                          [this] { return static_cast<double>(db_.stats().checkpoints); });
    metrics_.counter_read("qunbot_sqlite_checkpoint_seconds_total", "Time spent in WAL checkpoints",
                          [this] { return db_.stats().checkpoint_seconds; });
    metrics_.gauge("qunbot_ledger_postings", "Postings in the money ledger",
                   [this] { return static_cast<double>(ledger_.postings()); });
}

}  // namespace bot
