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

namespace {

/// "３" → "3": full-width digits as ASCII, everything else unchanged.
std::string ascii_digits(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // U+FF10..U+FF19 are EF BC 90..99.
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC &&
            static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

/// 一 … 九十九 (with 两 for 二), or nullopt.
std::optional<int> chinese_count(std::string_view s) {
    static constexpr std::string_view digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    auto digit = [&](std::string_view& rest) -> std::optional<int> {
        if (rest.starts_with("两")) {
            rest.remove_prefix(std::string_view("两").size());
            return 2;
        }
        for (int i = 1; i < 10; ++i)
            if (rest.starts_with(digits[i])) {
                rest.remove_prefix(digits[i].size());
                return i;
            }
        return std::nullopt;
    };
    if (s.empty()) return std::nullopt;
    auto rest = s;
    auto first = digit(rest);
    if (rest.empty()) return first;
    if (!rest.starts_with("十")) return std::nullopt;
    rest.remove_prefix(std::string_view("十").size());
    int n = first.value_or(1) * 10;
    if (rest.empty()) return n;
    auto last = digit(rest);
    if (!last || !rest.empty()) return std::nullopt;
    return n + *last;
}

bool is_space(std::string_view s, std::size_t i, std::size_t& width) {
    if (s[i] == ' ' || s[i] == '\t') return width = 1, true;
    if (s.substr(i).starts_with("\u3000")) return width = std::string_view("\u3000").size(), true;
    return false;
}

}  // namespace

leave_request parse_leave(std::string_view text) {
    leave_request out;
    std::size_t i = 0;
    std::size_t w = 0;
    while (i < text.size() && is_space(text, i, w)) i += w;
    text.remove_prefix(i);
    std::size_t end = 0;
    while (end < text.size() && !is_space(text, end, w)) ++end;
    auto head = text.substr(0, end);
    auto rest = text.substr(end);
    while (!rest.empty() && is_space(rest, 0, w)) rest.remove_prefix(w);
    if (head.empty()) return out;
    auto word = ascii_digits(head);
    bool unit = false;
    for (std::string_view suffix : {"天", "日"})
        if (word.size() > suffix.size() && std::string_view(word).ends_with(suffix)) {
            word.resize(word.size() - suffix.size());
            unit = true;
            break;
        }
    std::optional<int> n;
    if (!word.empty() && word.size() <= 4 && word.find_first_not_of("0123456789") == std::string::npos)
        n = std::stoi(word);
    else if (auto c = chinese_count(word))
        n = c;
    if (n) {
        out.days = *n;
        out.days_given = true;
        out.reason = std::string(rest);
        return out;
    }
    // A word with a digit, or one that ends in 天 ("几天", "明天"), is a count we cannot read; taking
    // it as the reason of a one-day leave would record what the member did not ask for.
    if (unit || word.find_first_of("0123456789") != std::string::npos) {
        out.bad = true;
        out.count_word = std::string(head);
        return out;
    }
    out.reason = std::string(text);
    return out;
}

leave_plan plan_leave(bot::civil_date first, int count, std::set<long> const& leave, std::set<long> const& done,
                      int per_week) {
    leave_plan plan;
    std::map<long, int> used;  // week start serial → leave days already taken
    for (auto d : leave) ++used[week_start(bot::civil_date::from_serial(d)).serial()];
    std::map<long, int> need;  // week start serial → new leave days asked for
    for (int i = 0; i < count; ++i) {
        auto day = first.plus_days(i);
        auto s = day.serial();
        if (done.count(s)) {
            plan.done.push_back(day);
        } else if (leave.count(s)) {
            plan.leave.push_back(day);
        } else {
            plan.days.push_back(day);
            ++need[week_start(day).serial()];
        }
    }
    // The whole request or nothing: the first week it would take past the cap refuses it.
    for (auto const& day : plan.days) {
        auto w = week_start(day).serial();
        if (used[w] + need[w] <= per_week) continue;
        plan.over = day;
        plan.week_used = used[w];
        plan.week_need = need[w];
        plan.days.clear();
        break;
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

int heat_level(int n, int most) {
    if (n <= 0 || most <= 0) return 0;
    return std::min(4, (4 * n + most - 1) / most);
}

double percent(int part, int whole) {
    if (whole <= 0) return 0;
    // In integers first, so 2 of 3 is exactly 66.7 and not 66.69999.
    auto tenths = (2000LL * part + whole) / (2LL * whole);
    return static_cast<double>(tenths) / 10;
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
