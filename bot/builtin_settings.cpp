#include "bot/builtin_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "bot/day_shift.hpp"
#include "bot/plugin_context.hpp"

namespace bot {

namespace {

std::int64_t unix_now(session const& s) { return s.now().time_since_epoch().count(); }

/// Writes a per-group setting (the settings tell the core and the plugins' caches).
void store(session& s, std::string const& key, std::string const& value) {
    s.bot().settings().set(s.group()->key(), key, value, s.user_id().str(), unix_now(s));
}

void forget(session& s, std::string const& key) { s.bot().settings().erase(s.group()->key(), key); }

task<> plugin_switch(command_call& call) {
    auto& s = call.s();
    auto& bot = s.bot();
    auto gk = s.group()->key();
    if (!call.has("操作")) {
        std::string out = "本群插件：";
        for (auto const& name : bot.plugin_names())
            out += fmt::format("\n{} {}", bot.plugin_enabled(name, gk) ? "✅" : "⛔", name);
        co_await s.reply(out);
        co_return;
    }
    auto action = call.text("操作");
    auto name = call.text("插件");
    if ((action != "on" && action != "off") || name.empty()) {
        co_await s.reply("用法：/plugin on|off 插件名");
        co_return;
    }
    auto const& names = bot.plugin_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        co_await s.reply(fmt::format("没有叫「{}」的插件。发送 /plugin 查看本群插件。", name));
        co_return;
    }
    if (action == "off" && bot.plugin_enabled(name, gk)) {
        // Plugins whose running work needs this one in the group (a challenge judged by its
        // records) say why; the switch is refused rather than letting that work go wrong silently.
        plugin_switching_off notice{*s.group(), name, {}};
        bot.notify(typeid(plugin_switching_off), &notice);
        if (!notice.objections.empty()) {
            std::string text = fmt::format("插件 {} 没有停用：", name);
            for (auto const& o : notice.objections) text += "\n" + o;
            co_await s.reply(text);
            co_return;
        }
    }
    store(s, "plugin:" + name, action);
    co_await s.reply(fmt::format("已{}插件 {}。", action == "on" ? "启用" : "停用", name));
}

task<> command_switch(command_call& call) {
    auto& s = call.s();
    auto action = call.text("操作");
    auto name = call.text("命令");
    auto c = s.bot().commands().find(name);
    if ((action != "on" && action != "off") || !c) {
        co_await s.reply("用法：/command on|off 命令名（发送 /help 查看命令）");
        co_return;
    }
    if (c->plugin == "core") {
        co_await s.reply("核心命令不能停用。");
        co_return;
    }
    store(s, "command:" + c->name(), action);
    co_await s.reply(fmt::format("已{}命令 {}。", action == "on" ? "启用" : "停用", c->name()));
}

/// The group-level keys the core itself understands.
std::optional<std::string> check_core_key(std::string const& key, std::string const& value) {
    if (key == "timezone") {
        if (!time_zone::load(value)) return "IANA 时区名称，如 Asia/Shanghai";
        return std::nullopt;
    }
    if (key == "day_close_hour") {
        int h = -1;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), h);
        if (ec != std::errc{} || ptr != value.data() + value.size() || h < 0 || h > 23) return "0 到 23 的整数";
        return std::nullopt;
    }
    return "unknown";
}

/// What moving the group to zone `tz` and close hour `close` does to its day: the refusal when it
/// would re-open a closed day or skip today's close (nullopt then in `note`), else in `note` what
/// happens to today and when it closes.
std::optional<std::string> day_change(session& s, std::string const& key, time_zone const& tz, int close,
                                      std::string& note) {
    auto& bot = s.bot();
    auto const& g = *s.group();
    auto from = bot.group_tz(g);
    auto seen = storage::group_store(bot.db()).find(g.key());
    auto known_since = time_point{std::chrono::seconds{seen ? seen->first_seen : 0}};
    auto shift = shift_day(s.now(), from, bot.group_close_hour(g), tz, close, known_since);
    switch (shift.what) {
        case day_shift::kind::reopens:
            return fmt::format("没有修改 {}：改了之后本群的今天会回到 {}，而这一天已经换日结算过了（点名、欠红包、押金判定都不会重来）。"
                               "请在 {}（{}）之后再改，那时新设置下的今天正好接上 {}。",
                               key, shift.today_after.str(), from.to_local(shift.earliest).str(), from.name(),
                               shift.today_before.str());
        case day_shift::kind::skips:
            return fmt::format("没有修改 {}：改了之后本群的今天会直接跳到 {}，{} 还没有换日，它的点名和结算会被跳过。"
                               "请在 {}（{}）换日之后再改。",
                               key, shift.today_after.str(), shift.today_before.str(),
                               from.to_local(shift.earliest).str(), from.name());
        case day_shift::kind::same_day: break;
    }
    note = fmt::format("本群的今天{} {}，下一次换日在 {}（{}）。", shift.today_after == shift.today_before ? "仍是" : "现在是",
                       shift.today_after.str(), tz.to_local(shift.next_close).str(), tz.name());
    return std::nullopt;
}

/// For the core's keys `timezone` and `day_close_hour`: the refusal of a change to `value` (empty:
/// back to bot.toml's), or nullopt with what the change does in `note`.
std::optional<std::string> check_day_change(session& s, std::string const& key, std::string const& value,
                                            std::string& note) {
    auto& bot = s.bot();
    auto const& g = *s.group();
    auto tz = bot.group_tz(g);
    auto close = bot.group_close_hour(g);
    if (key == "timezone") {
        tz = time_zone::must_load(value.empty() ? bot.config().bot.timezone : value);
    } else if (key == "day_close_hour") {
        close = value.empty() ? bot.config().bot.day_close_hour : std::stoi(value);
    } else {
        return std::nullopt;
    }
    return day_change(s, key, tz, close, note);
}

/// The plugin key "plugin.field" registered for /set, or nullptr.
config_key const* find_plugin_key(core& bot, std::string const& key) {
    auto dot = key.find('.');
    if (dot == std::string::npos) return nullptr;
    auto pit = bot.config_keys().find(key.substr(0, dot));
    if (pit == bot.config_keys().end()) return nullptr;
    auto kit = pit->second.find(key.substr(dot + 1));
    return kit == pit->second.end() ? nullptr : &kit->second;
}

task<> set_value(command_call& call) {
    auto& s = call.s();
    auto& bot = s.bot();
    auto const& g = *s.group();
    if (!call.has("键")) {
        std::string out = fmt::format("本群设置（/set 键 值）：\ntimezone = {}\nday_close_hour = {}", bot.group_tz(g).name(),
                                      bot.group_close_hour(g));
        for (auto const& [plugin, keys] : bot.config_keys())
            for (auto const& [name, k] : keys) out += fmt::format("\n{}.{} = {}", plugin, name, k.current(g));
        co_await s.reply(out);
        co_return;
    }
    auto key = call.text("键");
    auto value = call.text("值");
    auto const* plugin_key = find_plugin_key(bot, key);
    auto core_problem = plugin_key ? std::nullopt : check_core_key(key, value.empty() ? "x" : value);
    if (!plugin_key && core_problem == "unknown") {
        co_await s.reply(fmt::format("没有设置项「{}」。发送 /set 查看全部设置项。", key));
        co_return;
    }
    if (value.empty()) {
        auto current = plugin_key ? plugin_key->current(g)
                       : key == "timezone" ? bot.group_tz(g).name()
                                           : std::to_string(bot.group_close_hour(g));
        auto help = plugin_key ? fmt::format("（{}；{}）", plugin_key->help, plugin_key->type_name) : std::string();
        co_await s.reply(fmt::format("{} = {}{}", key, current, help));
        co_return;
    }
    auto problem = plugin_key ? plugin_key->validate(value) : check_core_key(key, value);
    if (problem) {
        co_await s.reply(fmt::format("「{}」不能设为「{}」：应为 {}", key, value, *problem));
        co_return;
    }
    std::string note;
    if (!plugin_key) {
        if (auto refused = check_day_change(s, key, value, note)) {
            co_await s.reply(*refused);
            co_return;
        }
    }
    store(s, key, value);
    auto text = fmt::format("已设置 {} = {}（仅本群）{}", key, value, note.empty() ? "" : "。" + note);
    co_await s.reply(text);
}

task<> text_override(command_call& call) {
    auto& s = call.s();
    auto& texts = s.bot().texts();
    auto key = call.text("键");
    auto body = call.text("内容");
    if (!texts.has(key)) {
        std::string keys;
        for (auto const& [k, _] : texts.list()) keys += "\n" + k;
        co_await s.reply("可修改的文案：" + keys);
        co_return;
    }
    std::string names;
    for (auto const& p : texts.placeholders(key)) names += " {" + p + "}";
    if (names.empty()) names = " 无";
    // Replies are built before co_await: GCC 12 destroys temporaries made inside a co_await
    // expression (here those of ?:) twice.
    if (body.empty()) {
        auto custom = s.bot().settings().get(s.group()->key(), "text:" + key);
        auto current = custom ? *custom : texts.list().at(key);
        auto text = fmt::format("{}：\n{}\n可用占位符：{}\n发送 /text {} 新内容 修改，/text {} reset 恢复默认。", key,
                                current, names, key, key);
        co_await s.reply(text);
        co_return;
    }
    if (body == "reset") {
        forget(s, "text:" + key);
        co_await s.reply(fmt::format("已恢复 {} 的默认文案。", key));
        co_return;
    }
    if (auto problem = texts.validate(key, body)) {
        auto text = fmt::format("文案无效：只能使用占位符{}，大括号要成对。", names);
        co_await s.reply(text);
        co_return;
    }
    store(s, "text:" + key, body);
    co_await s.reply(fmt::format("已修改本群的 {} 文案。", key));
}

}  // namespace

void register_settings_commands(plugin_context& ctx) {
    ctx.command({"plugin", "插件"}, "查看或开关本群的插件")
        .optional_arg("操作", arg_kind::word, "on 或 off")
        .optional_arg("插件", arg_kind::word, "插件名")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/plugin off antiad")
        .handle(plugin_switch);

    ctx.command({"command", "命令"}, "开关本群的某个命令")
        .arg("操作", arg_kind::word, "on 或 off")
        .arg("命令", arg_kind::word, "命令名")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/command off rank")
        .handle(command_switch);

    ctx.command({"set", "设置"}, "查看或修改本群设置")
        .optional_arg("键", arg_kind::word, "设置项，如 timezone 或 checkin.min_length")
        .optional_arg("值", arg_kind::text, "新的值")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/set timezone Asia/Tokyo")
        .handle(set_value);

    ctx.command({"unset"}, "把本群的某个设置恢复为默认")
        .arg("键", arg_kind::word, "设置项")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([](command_call& call) -> task<> {
            auto key = call.text("键");
            // A typo must not look like success.
            if (!find_plugin_key(call.s().bot(), key) && check_core_key(key, "x") == "unknown") {
                co_await call.reply(fmt::format("没有设置项「{}」。发送 /set 查看全部设置项。", key));
                co_return;
            }
            std::string note;
            if (auto refused = check_day_change(call.s(), key, "", note)) {
                co_await call.reply(*refused);
                co_return;
            }
            forget(call.s(), key);
            auto text = fmt::format("{} 已恢复默认。{}", key, note);
            co_await call.reply(text);
        });

    ctx.command({"text", "文案"}, "查看或修改本群的机器人文案")
        .optional_arg("键", arg_kind::word, "文案键，如 core.help")
        .optional_arg("内容", arg_kind::text, "新文案，或 reset")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle(text_override);

    ctx.command({"whoami", "我是谁"}, "查看你的用户 ID 和身份")
        .handle([](command_call& call) -> task<> {
            auto& s = call.s();
            co_await call.reply(fmt::format("{}：ID {}，身份 {}{}", s.user_name(), s.user_id().str(), role_name(s.role()),
                                            s.is_superuser() ? "，超级用户" : ""));
        });

    ctx.command({"time", "时间"}, "查看本群的时间和打卡日")
        .handle([](command_call& call) -> task<> {
            auto& s = call.s();
            co_await call.reply(fmt::format("现在是 {}（{}），本群的今天是 {}，每天 {:02}:00 换日。", s.local_time().str(),
                                            s.tz().name(), s.today().str(), s.close_hour()));
        });
}

}  // namespace bot
