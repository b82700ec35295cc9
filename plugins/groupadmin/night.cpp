// Whole-group mute by command, and night mode (宵禁): the whole group muted every night between two
// local times, per group. The times are per-group settings; what the bot last did is stored, so a
// restart inside the night mutes the group again and one after it lifts the mute.
#include <spdlog/spdlog.h>

#include "plugins/groupadmin/glue.hpp"

namespace plugins::groupadmin {

using bot::arg_kind;
using bot::command_call;
using bot::task;

namespace {

night_window window_of(config const& c) { return {c.night_start.minutes, c.night_end.minutes}; }

std::int64_t unix(bot::time_point t) { return t.time_since_epoch().count(); }

/// Turns the night mute on or off through the group's account; the admins hear of a failure.
task<bool> set_night(std::shared_ptr<state> st, bot::group_ref g, bool on, bool announce) {
    auto& ctx = st->ctx;
    auto cfg = ctx.group_config<config>(g);
    auto api = ctx.api_for(g);
    bot::status r = bot::error{bot::errc::not_connected, ""};
    auto gid = g.group;
    if (api) r = co_await api->mute_all(gid, on);
    if (!r) {
        auto what = on ? std::string("开启全员禁言") : std::string("解除全员禁言");
        spdlog::warn("groupadmin: night mode could not {} in {}: {}", on ? "mute" : "unmute", g.key(), r.err().detail);
        // Known from now on, so that reconnecting catches this boundary up (0: nothing done yet).
        if (!st->repo.get(g.key())) st->repo.put(g.key(), !on, 0);
        if (api) {
            bot::text_args args{{"action", what}, {"reason", failure(*st, g, what, r.err())}};
            auto note = ctx.render(g, "night_failed_admins", args);
            co_await ctx.tell_admins(g, note);
        }
        co_return false;
    }
    st->repo.put(g.key(), on, unix(ctx.clock().now()));
    if (announce && cfg.night_announce) {
        bot::text_args args{{"start", cfg.night_start.str()}, {"end", cfg.night_end.str()}};
        bot::message text(ctx.render(g, on ? "night_on" : "night_off", args));
        co_await ctx.send(g, text);
    }
    co_return true;
}

/// Whether the group is inside its night now.
bool night_now(state& st, bot::group_ref const& g, config const& cfg) {
    auto local = st.ctx.group_tz(g).to_local(st.ctx.clock().now());
    return cfg.night_mode && inside(window_of(cfg), local.hour * 60 + local.minute);
}

/// After a restart or reconnect: a boundary passed while the bot was away is acted on now. What the
/// bot (or an admin through it) did since the last boundary stands.
task<> catch_up(std::shared_ptr<state> st, bot::group_ref g) {
    auto cfg = st->ctx.group_config<config>(g);
    auto last = st->repo.get(g.key());
    bool on = last && last->on;
    bool want = false;
    if (cfg.night_mode) {
        auto b = last_boundary(window_of(cfg), st->ctx.clock().now(), st->ctx.group_tz(g));
        if (!b || (last && last->at >= unix(b->at))) co_return;
        want = b->starts;
    }
    if (want != on) co_await set_night(st, g, want, true);
}

task<> muteall(std::shared_ptr<state> st, command_call& call, bool on) {
    auto& s = call.s();
    auto g = *s.group();
    need const needed{&bot::capabilities::whole_mute, on ? "开启全员禁言" : "解除全员禁言"};
    if (auto no = co_await refusal(*st, s, needed)) {
        co_await call.reply(*no);
        co_return;
    }
    auto gid = g.group;
    auto r = co_await s.api()->mute_all(gid, on);
    if (!r) {
        auto answer = failure(*st, g, on ? "开启全员禁言" : "解除全员禁言", r.err());
        co_await call.reply(answer);
        co_return;
    }
    // An admin's choice counts as the night's last change: a restart does not undo it.
    st->repo.put(g.key(), on, unix(s.now()));
    auto answer = st->ctx.render(g, on ? "muted_all" : "unmuted_all");
    co_await call.reply(answer);
}

task<> night_command(std::shared_ptr<state> st, command_call& call) {
    auto& s = call.s();
    auto& ctx = st->ctx;
    auto g = *s.group();
    auto by = s.user_id().str();
    auto first = call.text("开始");
    auto second = call.text("结束");
    auto cfg = ctx.group_config<config>(g);
    auto show = [&](config const& c) {
        if (!c.night_mode) return ctx.render(g, "night_status_off");
        bot::text_args args{{"start", c.night_start.str()},
                            {"end", c.night_end.str()},
                            {"zone", ctx.group_tz(g).name()},
                            {"state", ctx.render(g, night_now(*st, g, c) ? "night_state_in" : "night_state_out")}};
        return ctx.render(g, "night_status_on", args);
    };
    if (!call.has("开始")) {
        auto answer = show(cfg);
        co_await call.reply(answer);
        co_return;
    }
    auto onoff = parse_switch(first);
    auto start = bot::parse_time_of_day(first);
    auto end = bot::parse_time_of_day(second);
    if (!onoff && !(start && end)) {
        auto answer = ctx.render(g, "night_usage");
        co_await call.reply(answer);
        co_return;
    }
    if (start && end && *start == *end) {
        auto answer = ctx.render(g, "night_same");
        co_await call.reply(answer);
        co_return;
    }
    if (onoff == false) {
        ctx.set_group_value(g, "night_mode", "false", by);
        auto last = st->repo.get(g.key());
        std::string now;
        if (last && last->on && co_await set_night(st, g, false, false)) now = ctx.render(g, "night_disabled_now");
        bot::text_args args{{"now", now}};
        auto answer = ctx.render(g, "night_disabled", args);
        co_await call.reply(answer);
        co_return;
    }
    // Turning it on needs the whole-group mute, and the bot's role for it.
    need const needed{&bot::capabilities::whole_mute, "开启宵禁（全员禁言）"};
    if (auto no = co_await refusal(*st, s, needed)) {
        co_await call.reply(*no);
        co_return;
    }
    if (start && end) {
        ctx.set_group_value(g, "night_start", bot::time_of_day{*start}.str(), by);
        ctx.set_group_value(g, "night_end", bot::time_of_day{*end}.str(), by);
    }
    ctx.set_group_value(g, "night_mode", "true", by);
    cfg = ctx.group_config<config>(g);
    // The group is known to night mode from now on, so reconnecting catches up a night it missed.
    if (!st->repo.get(g.key())) st->repo.put(g.key(), false, unix(s.now()));
    std::string now;
    if (night_now(*st, g, cfg)) {
        auto last = st->repo.get(g.key());
        if ((last && last->on) || co_await set_night(st, g, true, false)) now = ctx.render(g, "night_set_now");
    }
    bot::text_args args{{"start", cfg.night_start.str()},
                        {"end", cfg.night_end.str()},
                        {"zone", ctx.group_tz(g).name()},
                        {"now", now}};
    auto answer = ctx.render(g, "night_set", args);
    co_await call.reply(answer);
}

}  // namespace

void register_night(std::shared_ptr<state> const& st) {
    auto& ctx = st->ctx;

    ctx.command({"muteall", "全员禁言"}, "开启全员禁言（管理员不受影响）；/全员禁言 关 解除")
        .optional_arg("开关", arg_kind::word, "开 或 关")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/全员禁言")
        .handle([st](command_call& call) -> task<> {
            auto on = call.has("开关") ? parse_switch(call.text("开关")) : std::optional<bool>(true);
            if (!on) {
                auto answer = st->ctx.render(*call.s().group(), "muteall_usage");
                co_await call.reply(answer);
                co_return;
            }
            co_await muteall(st, call, *on);
        });

    ctx.command({"unmuteall", "解除全员禁言"}, "解除全员禁言")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .handle([st](command_call& call) -> task<> { co_await muteall(st, call, false); });

    ctx.command({"night", "宵禁"}, "宵禁：每天两个时间之间全员禁言（按本群时区，管理员不受影响）")
        .optional_arg("开始", arg_kind::word, "如 23:00，或 开/关")
        .optional_arg("结束", arg_kind::word, "如 07:00")
        .where(bot::rule::in_group)
        .permit(bot::perm::admin)
        .example("/宵禁 23:00 07:00")
        .handle([st](command_call& call) -> task<> { co_await night_command(st, call); });

    // The night's two ends, as daily jobs in the group's zone (the scheduler keeps them across
    // restarts and DST). The end stays scheduled while the bot's mute is on, so turning night mode
    // off with /set still lifts it at the end.
    ctx.each_group(
        "night_on",
        [st](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = st->ctx.group_config<config>(g);
            if (!cfg.night_mode || cfg.night_start == cfg.night_end) return std::nullopt;
            return bot::recurrence::daily(cfg.night_start.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point) -> task<> {
            if (!st->ctx.group_config<config>(g).night_mode) co_return;
            co_await set_night(st, g, true, true);
        });
    ctx.each_group(
        "night_off",
        [st](bot::group_ref const& g) -> std::optional<bot::recurrence> {
            auto cfg = st->ctx.group_config<config>(g);
            auto last = st->repo.get(g.key());
            if (!cfg.night_mode && !(last && last->on)) return std::nullopt;
            if (cfg.night_start == cfg.night_end) return std::nullopt;
            return bot::recurrence::daily(cfg.night_end.minutes);
        },
        [st](bot::group_ref const& g, bot::time_point) -> task<> {
            auto last = st->repo.get(g.key());
            if (!st->ctx.group_config<config>(g).night_mode && !(last && last->on)) co_return;
            co_await set_night(st, g, false, true);
        });

    // On (re)connecting, a night that started or ended while the bot was away is caught up.
    ctx.on<bot::ev::lifecycle>([st](bot::session& s, bot::ev::lifecycle const& e) -> task<> {
        if (e.what != bot::ev::lifecycle::phase::connected) co_return;
        for (auto const& row : st->repo.all()) {
            auto g = st->ctx.find_group(row.group);
            if (g && g->platform == s.ev().platform && g->self_id == s.ev().self_id) co_await catch_up(st, *g);
        }
    });
}

}  // namespace plugins::groupadmin
