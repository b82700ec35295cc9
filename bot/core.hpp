#pragma once
/// The bot core: receives events from adapters, drops duplicates and the bot's own messages,
/// runs the middleware chain, commands and listeners, and owns the services plugins use.

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <typeindex>
#include <variant>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "bot/api.hpp"
#include "bot/clock.hpp"
#include "bot/commands.hpp"
#include "bot/config.hpp"
#include "bot/dedupe.hpp"
#include "bot/flow.hpp"
#include "bot/metrics.hpp"
#include "bot/panel.hpp"
#include "bot/plugin_registry.hpp"
#include "bot/presence.hpp"
#include "bot/router.hpp"
#include "bot/scheduler.hpp"
#include "bot/sightings.hpp"
#include "bot/texts.hpp"
#include "bot/wait_result.hpp"
#include "bot/group_commit.hpp"
#include "bot/write_batch.hpp"
#include "storage/jobs.hpp"
#include "storage/ledger.hpp"
#include "storage/migration.hpp"
#include "storage/mutes.hpp"
#include "storage/roles.hpp"
#include "storage/settings.hpp"

namespace bot {

class plugin_context;
struct event_chain;

/// A plugin's per-group job: which groups run it and when, and what it does.
struct group_job {
    std::string plugin;
    std::string handler;
    std::function<std::optional<recurrence>(group_ref const&)> when;  ///< nullopt: not in this group
    std::function<task<>(group_ref const&, time_point fire_time)> run;
};

/// A plugin's configuration keys, type-erased, for the per-group `/set` command.
struct config_key {
    std::string help_key;  ///< the keyed text describing it ("checkin.set.remind_at"); empty: none
    expectation kind;      ///< what it accepts
    std::function<std::optional<expectation>(std::string_view)> validate;  ///< what was expected, or nullopt
    std::function<std::string(group_ref const&)> current;
};

/// The bot-level role between a member and a platform admin (分管): it passes perm::moderator, which
/// the moderation commands (/warn, /mute, /recall, /kick, ...) ask for.
inline constexpr char const* moderator_role = "moderator";

/// A plugin's answer to "who holds `role` in this group now", for roles held for a while (a duty
/// shift) rather than granted for good (those are in core::roles()).
struct role_source {
    std::string plugin;
    std::string role;
    std::function<std::vector<id>(group_ref const&, time_point now)> holders;
};

/// Who holds a role in a group and why.
struct role_holder {
    id user;
    std::string via;  ///< "grant" for a stored grant, else the plugin whose source names them
};

/// What a command run from the admin console did (core::run_as).
struct console_run {
    bool ran = false;                  ///< false: the text names no command usable in the group
    std::vector<std::string> replies;  ///< what it answered, as plain text, in order
};

/// Counters for logs and benchmarks.
struct core_stats {
    std::uint64_t received = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t own_messages = 0;
    std::uint64_t handled = 0;
    std::uint64_t errors = 0;
};

class core {
public:
    core(asio::io_context& io, config_file& file, core_config cfg, clock& clk, storage::database& db);
    ~core();
    core(core const&) = delete;
    core& operator=(core const&) = delete;

    /// Registers the enabled plugins (reading their config; errors throw config_error).
    void load_plugins(std::vector<plugin_entry> const& plugins);
    /// Applies migrations, loads persisted jobs, schedules per-group jobs and starts the timers.
    void start();
    /// Runs the shutdown hooks in registration order while the accounts are still connected;
    /// call it before the adapters stop. A hook that throws is logged and the next one runs.
    task<> run_shutdown_hooks();
    /// Stops timers, cancels waiters and checkpoints the database.
    void stop();

    /// Adds a connected account; events from it are dispatched and plugins can send through it.
    /// An account already attached through another platform object is refused (nullptr, logged):
    /// one account, one connection owner.
    std::shared_ptr<api> attach(platform& p);
    /// Lets an account go: it is detached (see api) and forgotten; whoever still holds it gets
    /// not_connected from its calls. Only the platform object that attached it can detach it.
    void detach(platform& p);
    std::shared_ptr<api> account(std::string const& platform, id const& self) const;
    /// The account that speaks in a group: the first of [bot] account_preference that is connected,
    /// in the group and not stalled; else the one the group was last seen through.
    std::shared_ptr<api> account_for(group_ref const& g);
    /// The ID a group message has for account `a`, once `a`'s copy of it has arrived (see sightings).
    std::optional<id> message_id_for(std::uint64_t sighting, api const& a) const;

    /// Queues an event: events of one group are handled one at a time in arrival order, and so are
    /// the group's due jobs, in the same queue.
    void post(event e);
    /// Handles an event now and returns when its chain is done, or waits in a session's wait (the
    /// rest of that chain then runs when the awaited event is dispatched, or at the deadline).
    task<> dispatch(event e);
    /// Moves a manual clock to `t`, stopping at each due time; at each stop it waits until the jobs
    /// and timeouts released there have finished or wait for an event.
    task<> advance_time(time_point t);
    /// Waits for the next event that satisfies `pred`, up to `timeout` on the bot's clock, for a
    /// flow that runs outside an event (handlers use `session::wait_for`, which lets the chat's
    /// other events go on meanwhile). The event is consumed: it does not go on to commands and
    /// listeners.
    task<wait_result> wait_for(std::function<bool(event const&)> pred, std::chrono::seconds timeout);

    // Services for plugins and adapters.
    asio::io_context& io() { return io_; }
    config_file& file() { return file_; }
    core_config const& config() const { return cfg_; }
    bot::clock& clock() { return clock_; }
    storage::database& db() { return db_; }
    storage::ledger& ledger() { return ledger_; }
    storage::settings& settings() { return settings_; }
    /// The mutes the bot made through any account (bot::api::mute), for `/mutes`.
    storage::mute_log& mutes() { return mutes_; }
    /// Bot-level roles granted for good (`/role grant`); see holds_role for the whole answer.
    storage::role_book& roles() { return roles_; }
    /// Registers a plugin's source of role holders (forget_plugin removes it).
    void add_role_source(role_source src);
    /// Whether `user` holds `role` in `g` now: a stored grant, or a source of a plugin that is on in
    /// the group names them at the clock's now.
    bool holds_role(group_ref const& g, id const& user, std::string const& role);
    /// Everyone who holds `role` in `g` now, grants first, each once.
    std::vector<role_holder> role_holders(group_ref const& g, std::string const& role);
    bot::scheduler& scheduler() { return scheduler_; }
    bot::router& router() { return router_; }
    command_table& commands() { return commands_; }
    bot::texts& texts() { return texts_; }
    core_stats const& stats() const { return stats_; }
    /// Counters and histograms for `/metrics` (events, actions, latency, queues).
    bot::metrics& metrics() { return metrics_; }
    /// When this core was made (steady clock), for the uptime.
    std::chrono::steady_clock::time_point started_at() const { return started_at_; }
    /// The connected accounts.
    std::vector<std::shared_ptr<api>> accounts() const;
    /// Events waiting in the queues now, all queues together.
    std::size_t queued() const;
    /// Backpressure: the adapters' read loops ask it before reading a frame ([limits]).
    bot::flow_control& flow() { return flow_; }
    /// Batched bookkeeping writes ([storage] batch_ms); plugins use plugin_context::batched.
    bot::write_batch& batch() { return batch_; }
    /// Writes a reply depends on, committed once per loop turn; plugins use plugin_context::commit.
    bot::group_commit& commits() { return commits_; }
    /// Who is in each group and when they last spoke (bot/presence.hpp).
    bot::presence& presence() { return presence_; }

    /// Runs the command in `text` as `who` in group `g`, as if typed there, for the admin console:
    /// in the group's queue, with the same permission check, argument errors and effects (sends to
    /// other chats, mutes, ledger postings); its replies in the group are returned, not sent.
    task<console_run> run_as(group_ref const& g, sender who, message text);

    /// Registers a plugin's console panel (see panel::definition); forget_plugin removes it.
    void add_panel(panel::definition p);
    std::vector<panel::definition> const& panels() const { return panels_; }

    /// The group's time zone and day-close hour (per-group settings over bot.toml).
    time_zone group_tz(group_ref const& g);
    int group_close_hour(group_ref const& g);
    std::vector<group_ref> known_groups();
    std::optional<group_ref> find_group(std::string const& key);
    bool is_superuser(std::string const& platform, id const& user) const;
    /// Whether a plugin (or core command) is on in a group; admins switch them with /plugin.
    bool plugin_enabled(std::string const& plugin, std::string const& group_key);
    bool command_enabled(std::string const& command, std::string const& group_key);
    std::vector<std::string> const& plugin_names() const { return plugin_names_; }

    /// Registers a per-group job and schedules it for every known group.
    void add_group_job(group_job job);
    /// Re-schedules the per-group jobs of a group (after its settings changed).
    void refresh_group_jobs(group_ref const& g);
    /// Registers the configuration keys of a plugin for `/set`.
    void add_config_keys(std::string const& plugin, std::map<std::string, config_key> keys);
    std::map<std::string, std::map<std::string, config_key>> const& config_keys() const { return config_keys_; }
    /// Records a declared command name, so [commands.NAME] tables naming no command are refused.
    void note_command(std::string const& name) { declared_commands_.insert(name); }
    /// Registers work for a clean shutdown, such as sending messages a plugin still holds.
    void on_shutdown(std::string const& plugin, std::function<task<>()> fn) {
        shutdown_hooks_.push_back({plugin, std::move(fn)});
    }
    /// Registers a plugin's schema steps, applied by start().
    void add_migrations(std::string const& owner, std::vector<storage::migration> steps);

    /// Plugin services (see plugin_context::provide and require): `plugin` offers `impl`, of `type`,
    /// under `name`. A second provider of one name is refused (std::invalid_argument).
    void provide_service(std::string const& name, std::string const& plugin, std::type_index type,
                         std::shared_ptr<void> impl);
    /// Records that `plugin` needs the service `name`, which `provider` (a plugin folder) provides;
    /// load_plugins() refuses to start when no enabled plugin provides it.
    void require_service(std::string const& name, std::string const& plugin, std::string const& provider);
    /// The service `name`, or nullptr when no plugin provides it (or it is not of `type`).
    std::shared_ptr<void> find_service(std::string const& name, std::type_index type) const;
    /// Notices between plugins (see plugin_context::listen and notify): `plugin` listens for notices
    /// of `type`; notify() calls every listener of the notice's type, in registration order.
    void add_listener(std::type_index type, std::string const& plugin, std::function<void(void*)> fn);
    void notify(std::type_index type, void* notice);
    /// Undoes every registration of `plugin` that the core keeps by plugin name: per-group jobs,
    /// config keys, shutdown hooks, migrations not yet applied, services, requirements, listeners. Its
    /// context calls it when it goes (commands, routes and job handlers it removes itself).
    void forget_plugin(std::string const& plugin);
    /// A counter that grows whenever a per-group setting changes (for config caches).
    std::uint64_t settings_generation() const { return settings_.generation(); }

private:
    friend class session;
    struct waiter;
    using chain = event_chain;
    /// A due job in a queue: the scheduler's run of it.
    struct queued_job {
        std::string key;
        std::function<task<>()> work;
    };
    /// One group's (or one private chat's, or one group-less job's) work, one item at a time.
    struct group_queue {
        std::deque<std::variant<event, queued_job>> pending;
        std::size_t events = 0;  ///< of pending, the events (counted by flow_)
        bool running = false;
    };
    /// Who handles an event: the account that saw it, the one that answers, the group message's serial.
    struct route {
        std::shared_ptr<api> seen_by;
        std::shared_ptr<api> replier;
        std::uint64_t sighting = 0;
    };
    void enqueue(std::string const& key, std::variant<event, queued_job> item);
    task<> drain(std::string key);
    task<> run_job(queued_job job);
    /// The scheduler's way in: a due job goes into its group's queue (or one of its own).
    void release_job(job_run const& run, std::function<task<>()> work);
    /// Waits until no queue holds work and every event chain has finished or waits for an event.
    task<> settle();
    bool settled() const;
    void note_progress() { progress_.cancel(); }
    /// Waits for an event; `owner` is the waiting event chain, parked meanwhile (null outside one).
    task<wait_result> wait(std::shared_ptr<chain> owner, std::function<bool(event const&)> pred,
                           std::chrono::seconds timeout);
    task<> handle(std::shared_ptr<chain> c, event e, route r);
    /// Of the connected accounts in a group, the one to speak through (see account_for); `seen_by` ranks
    /// after the preferred accounts.
    std::shared_ptr<api> speaker(std::string const& platform, id const& group, std::shared_ptr<api> const& seen_by);
    /// The key of an account in accounts_ and group_accounts_: "platform/id".
    static std::string account_key(std::string const& platform, id const& self);
    /// True for a message one of the bot's own accounts sent, seen through any account.
    bool from_own_account(event const& e);
    static task<> until_settled(std::shared_ptr<chain> c);
    task<> run_chain(session& s);
    task<> run_terminal(session& s);
    task<> run_command(session& s, command_match const& m);
    std::shared_ptr<waiter> deliver_to_waiter(event const& e);
    void remember_group(event const& e);
    /// Learns which accounts are in a group from the events they see there.
    void learn_membership(event const& e);
    /// Drops the record of a mute the platform reports lifted.
    void forget_lifted_mute(event const& e);
    /// Drops the role grants of a member who left the group.
    void forget_roles_of_leaver(event const& e);
    /// Notes a group message, join or leave in the presence record. A failure is logged, not felt
    /// by the chain.
    void note_presence(session const& s);
    enabled_fn enabled_check();

    asio::io_context& io_;
    config_file& file_;
    core_config cfg_;
    bot::clock& clock_;
    storage::database& db_;
    storage::ledger ledger_;
    storage::settings settings_;
    storage::mute_log mutes_;
    storage::role_book roles_;
    std::vector<role_source> role_sources_;
    storage::job_store jobs_;
    storage::group_store groups_;
    bot::scheduler scheduler_;
    bot::router router_;
    command_table commands_;
    bot::texts texts_;
    bot::dedupe dedupe_;
    bot::sightings sightings_;
    bot::flow_control flow_;
    bot::write_batch batch_;
    bot::group_commit commits_;
    bot::presence presence_;
    core_stats stats_;
    bot::metrics metrics_;
    std::chrono::steady_clock::time_point started_at_ = std::chrono::steady_clock::now();
    std::vector<panel::definition> panels_;
    std::uint64_t console_runs_ = 0;
    task<> console_command(group_ref g, sender who, message text, console_run& out);
    void declare_metrics();

    std::map<std::string, std::shared_ptr<api>> accounts_;
    std::map<std::string, group_ref> group_cache_;
    std::map<std::string, std::set<std::string>> group_accounts_;  ///< group key → account keys seen in it
    std::map<std::string, group_queue> queues_;
    std::vector<std::shared_ptr<waiter>> waiters_;
    std::vector<std::shared_ptr<chain>> chains_;  ///< event chains in progress
    std::vector<std::unique_ptr<plugin_context>> plugins_;
    std::vector<std::string> plugin_names_;
    std::vector<group_job> group_jobs_;
    struct shutdown_hook {
        std::string plugin;
        std::function<task<>()> fn;
    };
    std::vector<shutdown_hook> shutdown_hooks_;
    struct service_entry {
        std::string plugin;
        std::type_index type;
        std::shared_ptr<void> impl;
    };
    std::map<std::string, service_entry> services_;
    struct service_need {
        std::string name;
        std::string plugin;
        std::string provider;
    };
    std::vector<service_need> service_needs_;
    struct listener {
        std::type_index type;
        std::string plugin;
        std::function<void(void*)> fn;
    };
    std::vector<listener> listeners_;
    /// Refuses to start when a plugin's required service has no provider (see require_service).
    void check_services(std::vector<plugin_entry> const& built) const;
    std::map<std::string, std::map<std::string, config_key>> config_keys_;
    std::vector<std::pair<std::string, std::vector<storage::migration>>> migrations_;
    std::set<std::string> declared_commands_;
    bool started_ = false;
    bool stopping_ = false;
    int jobs_running_ = 0;  ///< queued jobs in progress
    asio::steady_timer progress_;  ///< never expires by itself; cancelled when work finishes or parks
};

}  // namespace bot
