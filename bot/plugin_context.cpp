#include "bot/plugin_context.hpp"

#include <spdlog/spdlog.h>

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
    for (auto h : routes_) core_.router().remove(h);
    core_.commands().remove_plugin(name_);
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
    core_.scheduler().define(name_ + "." + handler, std::move(fn));
}

void plugin_context::each_group(std::string const& handler,
                                std::function<std::optional<recurrence>(group_ref const&)> when,
                                std::function<task<>(group_ref const&, time_point)> fn) {
    core_.add_group_job(group_job{name_, name_ + "." + handler, std::move(when), std::move(fn)});
}

task<result<id>> plugin_context::send(group_ref const& g, message m) {
    auto a = core_.account_for(g);
    if (!a) co_return error{errc::not_connected, "no account is connected for " + g.key()};
    co_return co_await a->send(target::group_of(g.group), std::move(m));
}

}  // namespace bot
