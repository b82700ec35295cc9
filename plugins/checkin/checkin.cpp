#include "plugins/checkin/checkin.hpp"
#include "bot/utf8.hpp"

#include <algorithm>

namespace plugins::checkin {

tally tally_after(bot::civil_date day, std::optional<previous> const& prev, int leave_days_between) {
    if (!prev) return {1, 1};
    auto gap = day.serial() - prev->day.serial() - 1;
    bool unbroken = gap >= 0 && gap == leave_days_between;
    return {unbroken ? prev->at.streak + 1 : 1, prev->at.total + 1};
}

std::map<long, tally> replay(std::vector<day_entry> entries) {
    std::sort(entries.begin(), entries.end(), [](auto const& a, auto const& b) { return a.day < b.day; });
    std::map<long, tally> out;
    std::optional<previous> prev;
    int leave = 0;
    for (auto const& e : entries) {
        if (e.kind == entry_kind::leave) {
            if (prev) ++leave;
            continue;
        }
        auto t = tally_after(e.day, prev, leave);
        out[e.day.serial()] = t;
        prev = previous{e.day, t};
        leave = 0;
    }
    return out;
}

int current_streak(std::optional<previous> const& last, bot::civil_date today, int leave_days_after) {
    if (!last) return 0;
    auto yesterday = today.serial() - 1;
    auto d = last->day.serial();
    if (d >= yesterday) return last->at.streak;
    // Every day after the last counted one up to yesterday must be leave.
    return leave_days_after >= yesterday - d ? last->at.streak : 0;
}

std::size_t utf8_length(std::string_view s) { return bot::code_points(s); }

requirement parse_requirement(std::string_view s) {
    if (s == "text") return requirement::text;
    if (s == "image") return requirement::image;
    if (s == "text_or_image") return requirement::text_or_image;
    if (s == "text_and_image") return requirement::text_and_image;
    return requirement::none;
}

shortfall check_output(requirement r, int min_chars, output o) {
    bool text = o.chars >= static_cast<std::size_t>(std::max(min_chars, 1));
    bool image = o.images > 0;
    switch (r) {
        case requirement::none: return shortfall::none;
        case requirement::text: return text ? shortfall::none : shortfall::text;
        case requirement::image: return image ? shortfall::none : shortfall::image;
        case requirement::text_or_image: return text || image ? shortfall::none : shortfall::text_or_image;
        case requirement::text_and_image:
            if (text && image) return shortfall::none;
            if (text) return shortfall::image;
            if (image) return shortfall::text;
            return shortfall::text_and_image;
    }
    return shortfall::none;
}

bot::civil_date week_start(bot::civil_date d) { return d.plus_days(1 - d.weekday()); }

bot::civil_date month_start(bot::civil_date d) { return {d.year, d.month, 1}; }

int days_in_month(int year, int month) {
    auto next = month == 12 ? bot::civil_date{year + 1, 1, 1} : bot::civil_date{year, month + 1, 1};
    return static_cast<int>(next.serial() - bot::civil_date{year, month, 1}.serial());
}

leave_plan plan_leave(bot::civil_date first, int count, std::set<long> const& leave, std::set<long> const& done,
                      int per_week) {
    leave_plan plan;
    std::map<long, int> per_week_used;  // week start serial → leave days
    for (auto d : leave) ++per_week_used[week_start(bot::civil_date::from_serial(d)).serial()];
    for (int i = 0; i < count; ++i) {
        auto day = first.plus_days(i);
        auto s = day.serial();
        if (leave.count(s) || done.count(s)) continue;
        auto& used = per_week_used[week_start(day).serial()];
        if (used >= per_week) {
            plan.days.clear();
            plan.over = day;
            // Report what the member already has in that week, not what this request would add.
            plan.week_used = 0;
            for (auto d : leave)
                if (week_start(bot::civil_date::from_serial(d)) == week_start(day)) ++plan.week_used;
            return plan;
        }
        ++used;
        plan.days.push_back(day);
    }
    return plan;
}

makeup_verdict check_makeup(bool yesterday_counted, bot::time_point now, bot::time_point today_start,
                            std::chrono::seconds window, int used, int quota) {
    if (quota <= 0) return makeup_verdict::off;
    if (yesterday_counted) return makeup_verdict::already_done;
    if (now >= today_start + window) return makeup_verdict::too_late;
    if (used >= quota) return makeup_verdict::quota_used;
    return makeup_verdict::ok;
}

int missed_run(bot::civil_date closed, std::optional<bot::civil_date> last_marked, bot::civil_date since) {
    auto from = since.serial();
    if (last_marked && last_marked->serial() + 1 > from) from = last_marked->serial() + 1;
    auto n = closed.serial() - from + 1;
    return n > 0 ? static_cast<int>(n) : 0;
}

std::string render_calendar(int year, int month, std::map<long, entry_kind> const& marks, bot::civil_date today,
                            bot::civil_date since) {
    std::string out = "一 二 三 四 五 六 日";
    bot::civil_date first{year, month, 1};
    int lead = first.weekday() - 1;
    int n = days_in_month(year, month);
    std::string row;
    int col = 0;
    auto put = [&](std::string_view cell) {
        row += (col == 0 ? "" : " ");
        row += cell;
        if (++col == 7) {
            out += "\n" + row;
            row.clear();
            col = 0;
        }
    };
    for (int i = 0; i < lead; ++i) put("　");
    for (int d = 1; d <= n; ++d) {
        bot::civil_date day{year, month, d};
        auto it = marks.find(day.serial());
        if (it != marks.end()) {
            put(it->second == entry_kind::done ? "✅" : it->second == entry_kind::makeup ? "🔁" : "🏖");
        } else if (day == today) {
            put("⏳");
        } else if (day < today && !(day < since)) {
            put("❌");
        } else {
            put("·");
        }
    }
    if (col > 0) out += "\n" + row;
    return out;
}

coalescer::verdict coalescer::admit(bot::time_point now) {
    while (!sent_.empty() && sent_.front() + window_ <= now) sent_.pop_front();
    if (flush_at_) return verdict::queue;
    if (static_cast<int>(sent_.size()) < burst_) {
        sent_.push_back(now);
        return verdict::reply;
    }
    flush_at_ = now + window_;
    return verdict::queue_and_schedule;
}

void coalescer::flushed(bot::time_point now) {
    flush_at_.reset();
    sent_.push_back(now);
}

}  // namespace plugins::checkin
