#include "bot/plugin_context.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace bot {

command_builder::~command_builder() {
    if (!done_) spdlog::error("plugin '{}': command '{}' was declared without .handle(...)", cmd_.plugin, cmd_.name());
}

command_builder& command_builder::arg(std::string name, arg_kind kind, std::string help) {
    cmd_.args.push_back({std::move(name), kind, false, std::move(help)});
    return *this;
}

command_builder& command_builder::optional_arg(std::string name, arg_kind kind, std::string help) {
    cmd_.args.push_back({std::move(name), kind, true, std::move(help)});
    return *this;
}

command_builder& command_builder::where(condition c) {
    cmd_.where = std::move(c);
    return *this;
}

command_builder& command_builder::permit(condition c) {
    cmd_.permit = std::move(c);
    return *this;
}

command_builder& command_builder::prefixes(std::vector<std::string> p) {
    cmd_.prefixes = std::move(p);
    return *this;
}

command_builder& command_builder::example(std::string e) {
    cmd_.examples.push_back(std::move(e));
    return *this;
}

command_builder& command_builder::hidden() {
    cmd_.hidden = true;
    return *this;
}

void command_builder::handle(command_handler fn) {
    cmd_.handler = std::move(fn);
    done_ = true;
    ctx_.add_command(std::move(cmd_));
}

plugin_context::plugin_context(core& c, std::string name) : core_(c), name_(std::move(name)) {}

plugin_context::~plugin_context() {
    // Everything the plugin registered goes with it.
    for (auto h : routes_) core_.router().remove(h);
    core_.commands().remove_plugin(name_);
    for (auto const& h : job_handlers_) core_.scheduler().undefine(h);
    core_.texts().forget_prefix(name_ + ".");
    core_.forget_plugin(name_);
}

command_builder plugin_context::command(std::initializer_list<std::string> names, std::string help) {
    bot::command c;
    c.plugin = name_;
    c.names = names;
    c.help = std::move(help);
    return command_builder(*this, std::move(c));
}

void plugin_context::add_command(bot::command c) {
    // [commands.NAME] in bot.toml may add aliases, change prefixes and permission, or switch it off.
    core_.note_command(c.name());
    auto const& overrides = core_.config().commands;
    if (auto it = overrides.find(c.name()); it != overrides.end()) {
        auto const& o = it->second;
        if (!o.enabled) return;
        for (auto const& a : o.aliases) c.names.push_back(a);
        if (!o.prefixes.empty()) c.prefixes = o.prefixes;
        if (!o.permission.empty()) c.permit = parse_permission(o.permission);
    }
    core_.commands().add(std::move(c));
}

void plugin_context::middleware(std::string name, int prio, middleware_fn fn) {
    routes_.push_back(core_.router().use(name_, name_ + "." + name, prio, std::move(fn)));
}

void plugin_context::text(std::string const& key, std::string default_text, std::vector<std::string> placeholders) {
    core_.texts().define(name_ + "." + key, std::move(default_text), std::move(placeholders));
}

std::string plugin_context::render(std::optional<group_ref> const& g, std::string const& key,
                                   text_args const& args) const {
    return core_.texts().render(g ? g->key() : "", name_ + "." + key, args);
}

void plugin_context::migrations(std::vector<storage::migration> steps) {
    core_.add_migrations(name_, std::move(steps));
}

void plugin_context::job(std::string const& handler, job_handler fn) {
    job_handlers_.push_back(name_ + "." + handler);
    core_.scheduler().define(job_handlers_.back(), std::move(fn));
}

void plugin_context::each_group(std::string const& handler,
                                std::function<std::optional<recurrence>(group_ref const&)> when,
                                std::function<task<>(group_ref const&, time_point)> fn) {
    job_handlers_.push_back(name_ + "." + handler);
    core_.add_group_job(group_job{name_, job_handlers_.back(), std::move(when), std::move(fn)});
}

std::optional<std::string> plugin_context::set_group_value(group_ref const& g, std::string const& key,
                                                          std::string const& value, std::string const& by) {
    auto const& all = core_.config_keys();
    auto mine = all.find(name_);
    auto k = mine == all.end() ? nullptr : [&]() -> config_key const* {
        auto it = mine->second.find(key);
        return it == mine->second.end() ? nullptr : &it->second;
    }();
    if (!k) return "plugin '" + name_ + "' has no per-group key '" + key + "'";
    if (auto problem = k->validate(value)) return render_expectation(core_.texts(), g.key(), *problem);
    core_.settings().set(g.key(), name_ + "." + key, value, by, core_.clock().now().time_since_epoch().count());
    return std::nullopt;
}

task<result<id>> plugin_context::send(group_ref const& g, message m) {
    auto a = core_.account_for(g);
    if (!a) co_return error{errc::not_connected, "no account is connected for " + g.key()};
    co_return co_await a->send(target::group_of(g.group), std::move(m));
}

std::shared_ptr<bot::command const> plugin_context::command_named(message const& m, id const& self) const {
    auto found = core_.commands().match(m, self, core_.config().bot.command_prefixes);
    return found ? found->cmd : nullptr;
}

task<int> plugin_context::tell_admins(group_ref const& g, std::string const& text) {
    auto a = api_for(g);
    if (!a) co_return 0;
    int sent = 0;
    if (a->caps().member_list) {
        auto members = co_await a->members(g.group);
        if (members) {
            for (auto const& m : *members) {
                if (m.role == role::member || m.user == a->self_id()) continue;
                // Named, not temporaries: GCC 12 mishandles temporaries inside a co_await expression.
                auto to = target::user_of(m.user);
                auto msg = message(text);
                auto r = co_await a->send(to, msg);
                if (r) ++sent;
            }
        }
    }
    if (sent == 0) {
        auto msg = message("【致管理员】" + text);
        co_await send(g, msg);
    }
    co_return sent;
}

task<int> plugin_context::mention_batches(group_ref const& g, std::string const& head, std::vector<id> const& users,
                                          int per_message) {
    auto step = static_cast<std::size_t>(std::max(per_message, 1));
    int sent = 0;
    for (std::size_t i = 0; i < users.size(); i += step) {
        message m(head);
        for (std::size_t j = i; j < users.size() && j < i + step; ++j) {
            m.text(" ");
            m.at(users[j]);
        }
        co_await send(g, m);
        ++sent;
    }
    co_return sent;
}

}  // namespace bot
