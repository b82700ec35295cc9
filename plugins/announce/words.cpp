// Times and schedules in words, in the group's zone and language.
#include <fmt/format.h>

#include "plugins/announce/glue.hpp"

namespace plugins::announce {

namespace {

/// The group's names of the weekdays, Monday first.
std::vector<std::string> weekday_names(state& st, bot::group_ref const& g) {
    auto all = st.ctx.render(g, "weekdays");
    std::vector<std::string> out;
    for (auto const& part : split_bar(all)) out.push_back(part);
    while (out.size() < 7) out.push_back(std::to_string(out.size() + 1));
    return out;
}

std::string hm(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

}  // namespace

bot::time_point from_unix(std::int64_t s) {
    return bot::time_point{std::chrono::seconds{s}};
}
std::int64_t to_unix(bot::time_point t) {
    return t.time_since_epoch().count();
}

std::string state::when(bot::group_ref const& g, bot::time_point t) {
    auto local = ctx.group_tz(g).to_local(t);
    auto names = weekday_names(*this, g);
    return local.str() + " " + names[static_cast<std::size_t>(local.date.weekday() - 1)];
}

std::string state::when(bot::group_ref const& g, std::int64_t unix_seconds) {
    return when(g, from_unix(unix_seconds));
}

std::string state::words(bot::group_ref const& g, schedule const& s) {
    switch (s.kind) {
        case repeat::once: {
            bot::text_args args{{"date", s.date.str()}, {"time", hm(s.minute)}};
            return ctx.render(g, "sched_once", args);
        }
        case repeat::daily: {
            bot::text_args args{{"time", hm(s.minute)}};
            return ctx.render(g, "sched_daily", args);
        }
        case repeat::weekly: {
            auto names = weekday_names(*this, g);
            auto sep = ctx.render(g, "list_sep");
            std::string days;
            for (int d = 1; d <= 7; ++d)
                if (s.weekdays & (1u << (d - 1)))
                    days += (days.empty() ? "" : sep) + names[static_cast<std::size_t>(d - 1)];
            bot::text_args args{{"days", days}, {"time", hm(s.minute)}};
            return ctx.render(g, "sched_weekly", args);
        }
        case repeat::monthly: {
            bot::text_args args{{"day", s.day_of_month}, {"time", hm(s.minute)}};
            return ctx.render(g, s.day_of_month > 28 ? "sched_monthly_late" : "sched_monthly", args);
        }
        case repeat::every_days: {
            bot::text_args args{{"n", s.every}, {"date", s.date.str()}, {"time", hm(s.minute)}};
            return ctx.render(g, "sched_every", args);
        }
    }
    return {};
}

void register_texts(bot::plugin_context& ctx) {
    ctx.text("weekdays", "周一|周二|周三|周四|周五|周六|周日");
    ctx.text("list_sep", "、");
    ctx.text("sched_once", "{date} {time}（只发一次）", {"date", "time"});
    ctx.text("sched_daily", "每天 {time}", {"time"});
    ctx.text("sched_weekly", "每{days} {time}", {"days", "time"});
    ctx.text("sched_monthly", "每月 {day} 日 {time}", {"day", "time"});
    ctx.text("sched_monthly_late", "每月 {day} 日 {time}（没有 {day} 日的月份在当月最后一天发）", {"day", "time"});
    ctx.text("sched_every", "从 {date} 起每 {n} 天 {time}", {"n", "date", "time"});
}

}  // namespace plugins::announce
