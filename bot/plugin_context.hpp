#pragma once
/// The plugin context: everything a plugin registers (commands, listeners, middleware, timers,
/// texts, schema) goes through it and is owned by it.

#include <any>
#include <stdexcept>
#include <typeinfo>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/core.hpp"

namespace bot {

class plugin_context;

/// A notice (plugin_context::listen) raised before `/plugin off` switches a plugin off in a group:
/// a plugin whose running work depends on it there adds why it must stay on, and the switch is
/// refused with those reasons.
struct plugin_switching_off {
    group_ref group;
    std::string plugin;
    std::vector<std::string> objections;
};

/// A service another plugin provides, as the requiring plugin holds it: found on each use, so it
/// follows the provider. The core refuses to start when a required service has no provider, so a
/// handler never finds it missing; a use before start (or after its provider went) throws.
template <typename T>
class service_ref {
public:
    explicit service_ref(core& c) : core_(&c) {}
    std::shared_ptr<T> get() const {
        auto found = std::static_pointer_cast<T>(core_->find_service(T::service_name, typeid(T)));
        if (!found) throw std::logic_error(std::string("the ") + T::service_name + " service is not provided");
        return found;
    }
    T& operator*() const { return *get(); }
    /// The pointer lives as long as the expression that uses it (the provider keeps the service).
    T* operator->() const { return get().get(); }

private:
    core* core_;
};

/// Builds a command declaratively: `ctx.command({"checkin", "签到"}, "daily check-in").where(...).handle(...)`.
class command_builder {
public:
    command_builder(plugin_context& ctx, command c) : ctx_(ctx), cmd_(std::move(c)) {}
    command_builder(command_builder const&) = delete;
    ~command_builder();

    command_builder& arg(std::string name, arg_kind kind, std::string help = {});
    command_builder& optional_arg(std::string name, arg_kind kind, std::string help = {});
    command_builder& where(condition c);
    command_builder& permit(condition c);
    /// The prefixes this command accepts, e.g. {"/", ""} for both "/checkin" and "checkin".
    command_builder& prefixes(std::vector<std::string> p);
    command_builder& example(std::string e);
    command_builder& hidden();
    /// Sets the handler and registers the command.
    void handle(command_handler fn);

private:
    plugin_context& ctx_;
    command cmd_;
    bool done_ = false;
};

class plugin_context {
public:
    plugin_context(core& c, std::string name);
    ~plugin_context();
    plugin_context(plugin_context const&) = delete;
    plugin_context& operator=(plugin_context const&) = delete;

    std::string const& name() const { return name_; }
    /// The whole core, for the core's own commands and for tests. Plugins use the methods below.
    core& bot() { return core_; }

    // ---- What a plugin needs of the bot ----------------------------------------------------------
    /// The [bot] table of bot.toml (name, command prefixes, default zone and close hour).
    bot::bot_settings const& bot_config() const { return core_.config().bot; }
    /// The command the message names (any plugin's, with its prefixes), whether or not the sender
    /// may use it; nullptr when it names none. Moderation reads commands differently from chat.
    std::shared_ptr<bot::command const> command_named(message const& m, id const& self) const;
    /// The same for the event's own message, matched once per event whichever plugins ask.
    std::shared_ptr<bot::command const> command_named(session const& s) const { return s.command_called(); }
    /// The group's time zone and day-close hour (its settings over bot.toml).
    time_zone group_tz(group_ref const& g) { return core_.group_tz(g); }
    int close_hour(group_ref const& g) { return core_.group_close_hour(g); }
    /// The group's day at `t`: its local date, shifted back by its close hour.
    civil_date group_day(group_ref const& g, time_point t) { return day_of(t, group_tz(g), close_hour(g)); }
    /// A group the bot knows, by its key ("platform:group").
    std::optional<group_ref> find_group(std::string const& key) { return core_.find_group(key); }
    bool is_superuser(std::string const& platform, id const& user) const { return core_.is_superuser(platform, user); }
    asio::io_context& io() { return core_.io(); }
    /// Sets this plugin's per-group key `key` for a group, checked as `/set` checks it (the key must
    /// be in the plugin's config schema). Returns what is wrong, or nullopt once it is stored.
    std::optional<std::string> set_group_value(group_ref const& g, std::string const& key, std::string const& value,
                                               std::string const& by);
    /// Grows whenever a per-group setting changes: a cache built from them is current while it is unchanged.
    std::uint64_t settings_generation() const { return core_.settings_generation(); }
    /// Whether this plugin declared the text `key`.
    bool has_text(std::string const& key) const { return core_.texts().has(name_ + "." + key); }
    /// Whether the plugin read its [plugins.NAME] table through config<T>() (and so validated it).
    bool read_config() const { return config_.has_value(); }

    /// The plugin's [plugins.NAME] table as T, read and validated once (defaults where absent).
    template <describable_config T>
    T const& config();
    /// The plugin's config for one group: bot.toml values with the group's `/set` overrides.
    template <describable_config T>
    T group_config(group_ref const& g);

    command_builder command(std::initializer_list<std::string> names, std::string help);
    /// Listens for one event kind: `ctx.on<ev::member_joined>([](session& s, ev::member_joined const& e) ...)`.
    template <typename E>
    void on(std::function<task<>(session&, E const&)> fn);
    /// Adds middleware at a priority (see bot::priority).
    void middleware(std::string name, int prio, middleware_fn fn);

    /// Declares a message template "NAME.key" with its default text and placeholders.
    void text(std::string const& key, std::string default_text, std::vector<std::string> placeholders = {});
    /// Renders this plugin's template for a group (or bot-wide with an empty group).
    std::string render(std::optional<group_ref> const& g, std::string const& key, text_args const& args = {}) const;

    /// The plugin's schema steps (owner = plugin name), applied at start.
    void migrations(std::vector<storage::migration> steps);
    storage::database& db() { return core_.db(); }
    storage::ledger& ledger() { return core_.ledger(); }
    /// Bookkeeping that no reply depends on (last seen, activity counters), kept in memory and
    /// written in the core's batches (see write_batch): `write` writes what waits, inside the
    /// batch's transaction, and keeps it; `written` forgets it once that transaction committed.
    /// Call batch_changed() when something starts waiting, and flush_batch() before reading the
    /// rows back from the database.
    void batched(std::function<void()> write, std::function<void()> written) {
        core_.batch().add({name_, std::move(write), std::move(written)});
    }
    void batch_changed() { core_.batch().changed(); }
    /// A write a reply depends on (a check-in, an incident): `fn` runs in the transaction that
    /// commits every such write of this loop turn, in a savepoint of its own, and the call returns
    /// once that transaction committed, so send the reply after it. `fn` throwing undoes only its
    /// own writes and the exception comes back here.
    task<> commit(std::function<void()> fn) { return core_.commits().run(std::move(fn)); }
    void flush_batch() { core_.batch().flush(); }
    /// Who is in each group and when they last spoke, kept by the core for every plugin (see
    /// bot/presence.hpp); listen<bot::first_words> hears how many members spoke for the first time
    /// on each group day, inside the batch that writes it.
    /// A plugin's migration may copy rows into its table `member_presence` (the core's steps run first).
    bot::presence& presence() { return core_.presence(); }
    /// The mutes the bot made through bot::api::mute, whichever plugin made them.
    storage::mute_log& mutes() { return core_.mutes(); }

    /// A persisted job handler ("NAME.handler"), for scheduler().schedule(...).
    void job(std::string const& handler, job_handler fn);
    /// A job that runs for every group the plugin is on in, at the time `when` gives per group.
    void each_group(std::string const& handler, std::function<std::optional<recurrence>(group_ref const&)> when,
                    std::function<task<>(group_ref const&, time_point)> fn);
    bot::scheduler& scheduler() { return core_.scheduler(); }
    bot::clock& clock() { return core_.clock(); }

    /// Waits for the next event matching `pred` within `timeout`, for a flow that did not start
    /// from an event; a handler waits through its session (`s.next_message(timeout)`) instead.
    /// A job waiting here holds its group's queue (and, on a manual clock, advance_time) meanwhile.
    task<wait_result> wait_for(std::function<bool(event const&)> pred, std::chrono::seconds timeout) {
        return core_.wait_for(std::move(pred), timeout);
    }
    /// The account serving a group, to send or moderate outside an event; nullptr when offline.
    /// Hold it only while using it: the account may go meanwhile (its calls then fail).
    std::shared_ptr<api> api_for(group_ref const& g) { return core_.account_for(g); }
    /// Sends to a group through its account; an error when the account is offline.
    task<result<id>> send(group_ref const& g, message m);

    void add_command(bot::command c);
    /// Runs `fn` at a clean shutdown while the accounts are still connected, to send what the
    /// plugin still holds. A crash skips it: anything that must survive one belongs in the database.
    void on_shutdown(std::function<task<>()> fn) { core_.on_shutdown(name_, std::move(fn)); }

    /// Offers `impl` to other plugins as the service T (named T::service_name), for as long as this
    /// plugin is loaded. One plugin provides each service.
    template <typename T>
    void provide(std::shared_ptr<T> impl) {
        core_.provide_service(T::service_name, name_, typeid(T), std::move(impl));
    }
    /// Declares that this plugin needs the service T, which the plugin folder `provider` provides
    /// (named in the error when it is missing). Plugins depend on services, never on each other's
    /// code: deleting the provider's folder leaves a build that refuses to start this plugin.
    template <typename T>
    service_ref<T> require(std::string const& provider) {
        core_.require_service(T::service_name, name_, provider);
        return service_ref<T>(core_);
    }

    /// Names who holds the bot-level `role` (bot::moderator_role) in a group at a moment, for roles
    /// held for a while, such as a duty shift: `holders(g, now)` is asked on each permission check,
    /// so rights begin and end exactly at the times it computes. Ignored in groups where this plugin
    /// is switched off.
    void role_source(std::string role, std::function<std::vector<id>(group_ref const&, time_point)> holders) {
        core_.add_role_source({name_, std::move(role), std::move(holders)});
    }
    /// Whether this plugin is on in the group (admins switch plugins with /plugin).
    bool enabled_in(group_ref const& g) { return core_.plugin_enabled(name_, g.key()); }

    /// Listens for the notice T that another plugin raises with notify(). The listener runs inside
    /// the raiser's call, and so inside its transaction: what it writes commits or rolls back with
    /// the raiser's own writes, and a listener that throws undoes them all. The raiser never
    /// depends on the listener: a plugin that is not loaded simply does not listen.
    template <typename T>
    void listen(std::function<void(T&)> fn) {
        core_.add_listener(typeid(T), name_, [fn = std::move(fn)](void* n) { fn(*static_cast<T*>(n)); });
    }
    /// Raises the notice T to every plugin listening for it, in the order they registered; they may
    /// fill in what T offers for answers (lines for a reply).
    template <typename T>
    void notify(T& notice) {
        core_.notify(typeid(T), &notice);
    }

    /// Adds a panel to the admin console: `render` draws it for a group as typed blocks (see
    /// bot/panel.hpp); its actions run this plugin's commands as the viewer. `section` places it:
    /// "members", "checkins", "money", "moderation", "health" or "group".
    void panel(std::string id, std::string title, std::string section,
               std::function<panel::page(group_ref const&, panel::viewer const&)> render) {
        core_.add_panel({name_, std::move(id), std::move(title), std::move(section), std::move(render)});
    }
    /// Counters for `/metrics` (e.g. moderation actions by rule); see bot/metrics.hpp.
    bot::metrics& metrics() { return core_.metrics(); }

    /// Tells a group's admins: in private to each admin and owner where the platform lists members
    /// and roles, else in the group addressed to them. Returns how many private messages went.
    task<int> tell_admins(group_ref const& g, std::string const& text);
    /// Sends `head` followed by @-mentions of `users`, at most `per_message` mentions a message.
    /// Returns the messages sent.
    task<int> mention_batches(group_ref const& g, std::string const& head, std::vector<id> const& users,
                              int per_message);

private:
    template <describable_config T>
    void register_keys();

    core& core_;
    std::string name_;
    std::vector<std::uint64_t> routes_;
    std::vector<std::string> job_handlers_;  ///< scheduler handler names this plugin defined
    std::any config_;
    struct cached_group_config {
        std::uint64_t generation;
        std::shared_ptr<void const> value;
    };
    std::unordered_map<std::string, cached_group_config> group_configs_;
};

template <describable_config T>
T const& plugin_context::config() {
    if (!config_.has_value()) {
        config_ = std::make_shared<T const>(core_.file().read<T>("plugins." + name_, {"enabled", "texts"}));
        register_keys<T>();
    }
    return *std::any_cast<std::shared_ptr<T const>>(config_);
}

template <describable_config T>
void plugin_context::register_keys() {
    schema<T> s;
    T::describe(s);
    std::map<std::string, config_key> keys;
    for (auto const& f : s.fields()) {
        if (!f.per_group) continue;
        config_key k;
        // The description is a keyed text, so admins read it in /set and may reword it with /text.
        k.help_key = name_ + ".set." + f.name;
        core_.texts().define(k.help_key, f.help, {});
        k.kind = f.kind;
        k.validate = [f, this](std::string_view text) -> std::optional<expectation> {
            T copy = config<T>();
            return f.from_text(copy, text);
        };
        k.current = [f, this](group_ref const& g) { return f.to_text(group_config<T>(g)); };
        keys.emplace(f.name, std::move(k));
    }
    core_.add_config_keys(name_, std::move(keys));
}

template <describable_config T>
T plugin_context::group_config(group_ref const& g) {
    auto const& base = config<T>();
    auto key = g.key();
    auto gen = core_.settings_generation();
    if (auto it = group_configs_.find(key); it != group_configs_.end() && it->second.generation == gen)
        return *std::static_pointer_cast<T const>(it->second.value);
    T out = base;
    schema<T> s;
    T::describe(s);
    for (auto const& [k, v] : core_.settings().list(key, name_ + ".")) {
        auto f = s.find(k.substr(name_.size() + 1));
        if (!f || !f->per_group) continue;
        // A stored override that no longer fits (after an upgrade) is ignored, not fatal.
        T trial = out;
        if (!f->from_text(trial, v)) out = std::move(trial);
    }
    group_configs_[key] = {gen, std::make_shared<T const>(out)};
    return out;
}

template <typename E>
void plugin_context::on(std::function<task<>(session&, E const&)> fn) {
    constexpr auto kind = [] {
        std::size_t index = 0;
        std::size_t found = std::variant_size_v<event_payload>;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            ((std::is_same_v<std::variant_alternative_t<I, event_payload>, E> ? (found = I, 0) : 0), ...);
        }(std::make_index_sequence<std::variant_size_v<event_payload>>{});
        (void)index;
        return found;
    }();
    static_assert(kind < std::variant_size_v<event_payload>, "not an event type");
    routes_.push_back(core_.router().on(name_, kind, [fn = std::move(fn)](session& s) -> task<> {
        co_await fn(s, std::get<E>(s.ev().payload));
    }));
}

}  // namespace bot
