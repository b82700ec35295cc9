#include "plugins/redpacket/redpacket.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace plugins::redpacket {

std::string fund_account(std::string const& group) { return "fund:" + group; }
std::string owed_account(bot::id const& user) { return "redpacket:owed:" + user.str(); }
std::string promised_account(std::string const& group) { return "redpacket:promised:" + group; }
std::string external_account(bot::id const& user) { return "external:" + user.str(); }

storage::posting owed_posting(std::string const& group, bot::id const& user, bot::civil_date day, bot::fen amount,
                              std::string const& name, std::int64_t at) {
    storage::posting p;
    p.key = fmt::format("redpacket:owed:{}:{}:{}", group, user.encode(), day.str());
    p.group = group;
    p.kind = "redpacket_owed";
    p.memo = fmt::format("{} {} 未打卡，欠红包", name, day.str());
    p.actor = "system";
    p.legs = {{owed_account(user), amount}, {promised_account(group), -amount}};
    p.at = at;
    return p;
}

storage::posting settle_posting(std::string const& group, std::int64_t owed_id, bot::id const& user, bot::fen owed,
                                bot::fen paid, std::string const& memo, std::string const& actor, std::int64_t at) {
    storage::posting p;
    p.key = fmt::format("redpacket:settle:{}:{}", group, owed_id);
    p.group = group;
    p.kind = paid > 0 ? "redpacket" : "redpacket_waived";
    p.memo = memo;
    p.actor = actor;
    // The receivable is cleared either way; a red packet actually sent is money into the fund.
    p.legs = {{owed_account(user), -owed}, {promised_account(group), owed}};
    if (paid > 0) {
        p.legs.push_back({fund_account(group), paid});
        p.legs.push_back({external_account(user), -paid});
    }
    p.at = at;
    return p;
}

std::vector<lurker> find_lurkers(std::vector<seen_member> const& members, bot::civil_date today, int days,
                                 std::optional<bot::civil_date> tracking_since) {
    std::vector<lurker> out;
    bool long_enough = tracking_since && today.serial() - tracking_since->serial() >= days;
    for (auto const& m : members) {
        if (!m.last_day) {
            if (long_enough) out.push_back({m.user, m.name, std::nullopt});
            continue;
        }
        auto silent = static_cast<int>(today.serial() - m.last_day->serial());
        if (silent >= days) out.push_back({m.user, m.name, silent});
    }
    std::stable_sort(out.begin(), out.end(), [](lurker const& a, lurker const& b) {
        // Never seen first, then the longest silence.
        auto ka = a.silent_days.value_or(1 << 30);
        auto kb = b.silent_days.value_or(1 << 30);
        return ka > kb;
    });
    return out;
}

std::vector<bot::id> due_mentions(std::vector<lurker> const& lurkers, std::vector<seen_member> const& members,
                                  bot::civil_date today, int every) {
    std::vector<bot::id> out;
    for (auto const& l : lurkers) {
        auto it = std::find_if(members.begin(), members.end(), [&](auto const& m) { return m.user == l.user; });
        if (it != members.end() && it->last_mentioned && today.serial() - it->last_mentioned->serial() < every) continue;
        out.push_back(l.user);
    }
    return out;
}

weekly_time notice_time(int weekday, int minute_of_day, std::chrono::seconds before) {
    constexpr int week = 7 * 24 * 60;
    auto minutes = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(before).count() % week);
    int t = ((weekday - 1) * 24 * 60 + minute_of_day - minutes + week) % week;
    return {t / (24 * 60) + 1, t % (24 * 60)};
}

std::string kind_words(std::string const& kind) {
    if (kind == "fine") return "罚金";
    if (kind == "forfeit") return "没收押金";
    if (kind == "redpacket") return "红包";
    if (kind == "payout") return "支出";
    if (kind == "reward") return "奖励";
    if (kind == "reversal") return "冲正";
    if (kind == "share") return "分配";
    return kind;
}

}  // namespace plugins::redpacket
