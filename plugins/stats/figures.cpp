// The figures: what is stored, with the check-ins where a plugin provides them, read per day (the
// plain rows the console charts) and per period with the trend against the period before.
#include <fmt/format.h>

#include "bot/display.hpp"
#include "plugins/stats/glue.hpp"

namespace plugins::stats {

std::shared_ptr<bot::attendance> state::attendance(std::string const& group_key) {
    // Optional: used when the check-in plugin is loaded and on in the group, never required.
    auto found = std::static_pointer_cast<bot::attendance>(
        ctx.bot().find_service(bot::attendance::service_name, typeid(bot::attendance)));
    if (!found || !ctx.bot().plugin_enabled("checkin", group_key)) return nullptr;
    return found;
}

group_data load(state& st, bot::group_ref const& g, bot::civil_date from, bot::civil_date to) {
    flush(st);
    auto gk = g.key();
    group_data d;
    d.counts = st.repo.counts(gk, from, to);
    d.members = st.repo.members(gk, from, to);
    if (auto att = st.attendance(gk)) {
        d.checkins.emplace();
        for (auto day = from; day <= to; day = day.plus_days(1))
            for (auto const& u : att->done_on(gk, day)) (*d.checkins)[day.serial()].insert(u.encode());
    }
    return d;
}

std::vector<day_row> daily(state& st, bot::group_ref const& g, bot::civil_date from, bot::civil_date to) {
    return per_day(load(st, g, from, to), from, to, st.cfg(g).contributor_messages);
}

bot::task<group_size> size_of(state& st, bot::group_ref const& g) {
    group_size out;
    out.cap = cap_for(g.platform, st.cfg(g).member_cap);
    auto api = st.ctx.api_for(g);
    if (!api) co_return out;
    out.sees_all = api->caps().all_messages;
    if (!api->caps().member_list) co_return out;
    auto members = co_await api->members(g.group);
    if (members) out.size = static_cast<int>(members->size());
    co_return out;
}

namespace {

std::string names_of(std::vector<named> const& people) {
    std::string out;
    for (auto const& p : people) out += (out.empty() ? "" : "、") + bot::shown_name(p.name, 24);
    return out;
}

}  // namespace

std::string period_report(state& st, bot::group_ref const& g, period p, group_size const& size) {
    auto cfg = st.cfg(g);
    auto k = cfg.contributor_messages;
    auto data = load(st, g, p.before().first(), p.last);
    auto now = summarize(data, p, k);
    auto then = summarize(data, p.before(), k);
    auto r = [&](std::string const& key, bot::text_args const& args) { return st.ctx.render(g, key, args); };
    std::vector<std::string> lines;
    bot::text_args head{{"days", p.days}, {"from", p.first().str()}, {"to", p.last.str()}};
    lines.push_back(r(p.days == 1 ? "head_today" : "head", head));
    if (auto first = st.repo.first_day(g.key()); first && *first > p.first())
        lines.push_back(r("partial", {{"since", first->str()}, {"days", p.last.serial() - first->serial() + 1}}));
    lines.push_back(r("messages", {{"messages", now.messages}, {"trend", trend(now.messages, then.messages)}}));
    lines.push_back(r("active", {{"active", now.active}, {"trend", trend(now.active, then.active)}}));
    auto members = size.size ? size.size : now.latest_size;
    auto contributors_trend = trend(now.contributors, then.contributors);
    if (members)
        lines.push_back(r("contributors", {{"contributors", now.contributors},
                                           {"size", *members},
                                           {"share", percent(now.contributors, *members)},
                                           {"trend", contributors_trend}}));
    else
        lines.push_back(r("contributors_no_size", {{"contributors", now.contributors}, {"trend", contributors_trend}}));
    lines.push_back(r("joins", {{"joined", now.joined}, {"left", now.left}, {"net", now.joined - now.left}}));
    if (now.checkins) {
        auto rate = members ? percent(*now.checkins, static_cast<double>(*members) * p.days) : std::string("—");
        lines.push_back(r("checkins", {{"checkins", *now.checkins},
                                       {"rate", rate},
                                       {"trend", trend(*now.checkins, then.checkins.value_or(0))}}));
    } else {
        lines.push_back(r("checkins_unavailable", {}));
    }
    lines.push_back(r("questions", {{"questions", now.questions},
                                    {"answered", now.answered},
                                    {"rate", percent(now.answered, now.questions)},
                                    {"trend", trend(now.questions, then.questions)}}));
    if (!size.sees_all) {
        lines.push_back(r("silent_unknown", {}));
    } else {
        std::size_t total = 0;
        auto quiet = silent_members(data, p.before(), p, static_cast<std::size_t>(cfg.silent_shown), &total);
        if (total > 0) {
            auto names = names_of(quiet);
            if (total > quiet.size()) names += r("more", {{"count", static_cast<int>(total - quiet.size())}});
            lines.push_back(r("silent", {{"count", static_cast<int>(total)}, {"names", names}, {"days", p.days}}));
        }
    }
    if (!size.size) {
        lines.push_back(r("size_unknown", {}));
    } else if (size.cap.cap > 0) {
        bot::text_args args{{"size", *size.size}, {"cap", size.cap.cap}, {"percent", percent(*size.size, size.cap.cap)}};
        auto line = r(near_cap(*size.size, size.cap.cap) ? "cap_near" : "cap", args);
        if (size.cap.assumed) line += r("cap_assumed", args);
        lines.push_back(line);
    }
    lines.push_back(r("trend_note", {{"days", p.days}}));
    std::string out;
    for (auto l : lines) {
        // An empty trend leaves a space at the end of its line.
        while (!l.empty() && l.back() == ' ') l.pop_back();
        out += (out.empty() ? "" : "\n") + l;
    }
    return out;
}

}  // namespace plugins::stats
