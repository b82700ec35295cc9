#pragma once
/// The plugin context: everything a plugin registers (commands, listeners, middleware, timers,
/// texts, schema) goes through it and is owned by it.

#include <any>
#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/core.hpp"

namespace bot {

class plugin_context;

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
    core& bot() { return core_; }
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
    api* api_for(group_ref const& g) { return core_.account_for(g); }
    /// Sends to a group through its account; an error when the account is offline.
    task<result<id>> send(group_ref const& g, message m);

    void add_command(bot::command c);
    /// Runs `fn` at a clean shutdown while the accounts are still connected, to send what the
    /// plugin still holds. A crash skips it: anything that must survive one belongs in the database.
    void on_shutdown(std::function<task<>()> fn) { core_.on_shutdown(std::move(fn)); }

private:
    template <describable_config T>
    void register_keys();

    core& core_;
    std::string name_;
    std::vector<std::uint64_t> routes_;
    std::vector<std::string> jobs_;
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
        k.help = f.help;
        k.type_name = f.type_name;
        k.validate = [f, this](std::string_view text) -> std::optional<std::string> {
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
