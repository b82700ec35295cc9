#include "bot/builtin_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "bot/day_shift.hpp"
#include "bot/display.hpp"
#include "bot/plugin_context.hpp"
#include "bot/suggest.hpp"
#include "bot/texts.hpp"
#include "bot/utf8.hpp"

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

/// The group-level keys the core itself understands (besides the plugins' "plugin.field" keys).
bool is_core_key(std::string const& key) { return key == "timezone" || key == "day_close_hour"; }

/// Checks a value for a core key: what was expected, or nullopt.
std::optional<expectation> check_core_key(std::string const& key, std::string const& value) {
    if (key == "timezone") {
        if (!time_zone::load(value)) return expect::custom("core.expect.timezone", "an IANA time zone like Asia/Shanghai");
        return std::nullopt;
    }
    int h = -1;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), h);
    if (ec != std::errc{} || ptr != value.data() + value.size() || h < 0 || h > 23) return expect::integer_range(0, 23);
    return std::nullopt;
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

/// "key = value（description；accepts）" for one key.
std::string describe_key(session& s, std::string const& key, std::string const& value, std::string const& help_key,
                         expectation const& kind) {
    auto const& texts = s.bot().texts();
    auto gk = s.group()->key();
    auto help = texts.has(help_key) ? texts.render(gk, help_key) : std::string();
    return texts.render(gk, "core.set_show",
                        {{"key", key}, {"value", value}, {"help", help}, {"accepts", render_expectation(texts, gk, kind)}});
}

task<> set_value(command_call& call) {
    auto& s = call.s();
    auto& bot = s.bot();
    auto const& g = *s.group();
    auto gk = g.key();
    auto const& texts = bot.texts();
    if (!call.has("键")) {
        std::string out = texts.render(gk, "core.set_list");
        out += fmt::format("\ntimezone = {}\nday_close_hour = {}", bot.group_tz(g).name(), bot.group_close_hour(g));
        for (auto const& [plugin, keys] : bot.config_keys())
            for (auto const& [name, k] : keys) out += fmt::format("\n{}.{} = {}", plugin, name, k.current(g));
        co_await s.reply(out);
        co_return;
    }
    auto key = call.text("键");
    auto value = call.text("值");
    // "/set checkin": that plugin's keys, each with its description.
    if (auto pit = bot.config_keys().find(key); pit != bot.config_keys().end() && value.empty()) {
        std::string out = texts.render(gk, "core.set_plugin", {{"plugin", key}});
        for (auto const& [name, k] : pit->second)
            out += "\n" + describe_key(s, key + "." + name, k.current(g), k.help_key, k.kind);
        co_await s.reply(out);
        co_return;
    }
    auto const* plugin_key = find_plugin_key(bot, key);
    if (!plugin_key && !is_core_key(key)) {
        auto text = texts.render(gk, "core.set_unknown", {{"key", key}});
        co_await s.reply(text);
        co_return;
    }
    if (value.empty()) {
        std::string text;
        if (plugin_key)
            text = describe_key(s, key, plugin_key->current(g), plugin_key->help_key, plugin_key->kind);
        else if (key == "timezone")
            text = describe_key(s, key, bot.group_tz(g).name(), "core.set.timezone", *check_core_key(key, ""));
        else
            text = describe_key(s, key, std::to_string(bot.group_close_hour(g)), "core.set.day_close_hour",
                                expect::integer_range(0, 23));
        co_await s.reply(text);
        co_return;
    }
    auto problem = plugin_key ? plugin_key->validate(value) : check_core_key(key, value);
    if (problem) {
        auto text = texts.render(gk, "core.set_invalid",
                                 {{"key", key}, {"value", value}, {"expected", render_expectation(texts, gk, *problem)}});
        co_await s.reply(text);
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
    // Replies are built before co_await (see text_override).
    auto done = texts.render(gk, "core.set_done", {{"key", key}, {"value", value}});
    if (!note.empty()) done += "。" + note;
    co_await s.reply(done);
}

/// The text keys by the part before the first dot (a plugin's name, or "core").
std::map<std::string, std::vector<std::string>> text_keys_by_plugin(texts const& all) {
    std::map<std::string, std::vector<std::string>> out;
    for (auto const& [k, _] : all.list()) out[k.substr(0, k.find('.'))].push_back(k);
    return out;
}

std::string text_overview(texts const& all) {
    std::string parts;
    for (auto const& [plugin, keys] : text_keys_by_plugin(all))
        parts += fmt::format("{}{} {} 条", parts.empty() ? "" : "、", plugin, keys.size());
    return fmt::format("文案按插件分组：{}。\n发送 /text keys 插件名 列出它的文案键，/text 键 查看一条。", parts);
}

task<> text_override(command_call& call) {
    auto& s = call.s();
    auto& texts = s.bot().texts();
    auto key = call.text("键");
    auto body = call.text("内容");
    if (key.empty() || (key == "keys" && body.empty())) {
        co_await s.reply(text_overview(texts));
        co_return;
    }
    if (key == "keys") {
        auto by_plugin = text_keys_by_plugin(texts);
        auto it = by_plugin.find(std::string(trim(body)));
        if (it == by_plugin.end()) {
            auto reply = fmt::format("没有插件「{}」的文案。{}", shown_name(body), text_overview(texts));
            co_await s.reply(reply);
            co_return;
        }
        std::string list;
        for (auto const& k : it->second) list += (list.empty() ? "" : "  ") + k;
        co_await s.reply(fmt::format("{} 的文案键（{} 条）：\n{}", it->first, it->second.size(), list));
        co_return;
    }
    if (!texts.has(key)) {
        std::vector<std::string> known;
        for (auto const& [k, _] : texts.list()) known.push_back(k);
        auto close = nearest(key, known);
        std::string hint;
        for (auto const& k : close) hint += (hint.empty() ? "" : "、") + k;
        auto reply = close.empty()
                         ? fmt::format("没有文案键「{}」。发送 /text 查看各插件的文案。", shown_name(key))
                         : fmt::format("没有文案键「{}」。是不是：{}？\n发送 /text keys 插件名 列出某个插件的全部文案键。",
                                       shown_name(key), hint);
        co_await s.reply(reply);
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
    auto& texts = ctx.bot().texts();
    define_expectation_texts(texts);
    texts.define("core.expect.timezone", "IANA 时区名称，如 Asia/Shanghai", {});
    texts.define("core.set.timezone", "本群的时区，决定「今天」和每日任务的时间", {});
    texts.define("core.set.day_close_hour", "每天几点换日（0 为午夜）", {});
    texts.define("core.set_list", "本群设置（/set 键 值；/set 插件名 查看各项说明）：", {});
    texts.define("core.set_plugin", "{plugin} 的设置（/set 键 值）：", {"plugin"});
    texts.define("core.set_show", "{key} = {value}（{help}；应为{accepts}）", {"key", "value", "help", "accepts"});
    texts.define("core.set_invalid", "「{key}」不能设为「{value}」：应为{expected}", {"key", "value", "expected"});
    texts.define("core.set_unknown", "没有设置项「{key}」。发送 /set 查看全部设置项。", {"key"});
    texts.define("core.set_done", "已设置 {key} = {value}（仅本群）", {"key", "value"});

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
            if (!find_plugin_key(call.s().bot(), key) && !is_core_key(key)) {
                auto text = call.s().bot().texts().render(call.s().group()->key(), "core.set_unknown", {{"key", key}});
                co_await call.reply(text);
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
            auto moderator = s.in_group() && s.bot().holds_role(*s.group(), s.user_id(), moderator_role);
            auto text = fmt::format("{}：ID {}，身份 {}{}{}", s.user_name(), s.user_id().str(), role_name(s.role()),
                                    moderator ? "，分管" : "", s.is_superuser() ? "，超级用户" : "");
            co_await call.reply(text);
        });

    ctx.command({"time", "时间"}, "查看本群的时间和打卡日")
        .handle([](command_call& call) -> task<> {
            auto& s = call.s();
            co_await call.reply(fmt::format("现在是 {}（{}），本群的今天是 {}，每天 {:02}:00 换日。", s.local_time().str(),
                                            s.tz().name(), s.today().str(), s.close_hour()));
        });
}

}  // namespace bot
