#include "plugins/deposit/money.hpp"

namespace plugins::deposit {

std::string_view name_of(verdict v) {
    switch (v) {
        case verdict::done: return "done";
        case verdict::leave: return "leave";
        case verdict::missed: return "missed";
        case verdict::excused: return "excused";
    }
    return "missed";
}

std::optional<verdict> verdict_from(std::string_view s) {
    for (auto v : {verdict::done, verdict::leave, verdict::missed, verdict::excused})
        if (name_of(v) == s) return v;
    return std::nullopt;
}

verdict judge(bool done, bool on_leave, int leave_used, rules const& r) {
    if (done) return verdict::done;
    if (on_leave && leave_used < r.leave_limit) return verdict::leave;
    return verdict::missed;
}

bot::fen fine_for(rules const& r, int misses_before, bot::fen remaining) {
    if (remaining <= 0 || misses_before < r.free_misses()) return 0;
    if (r.mode == fine_mode::fixed) return std::min(r.fine, remaining);
    return remaining * r.percent / 100;
}

forfeit_split split_forfeit(rules const& r, bot::fen amount) {
    switch (r.to) {
        case destination::fund: return {amount, 0};
        case destination::finishers: return {0, amount};
        case destination::split: {
            auto fund = amount * r.fund_percent / 100;
            return {fund, amount - fund};
        }
    }
    return {amount, 0};
}

std::vector<bot::fen> share_equally(bot::fen pool, std::size_t n) {
    std::vector<bot::fen> out(n, 0);
    if (n == 0 || pool <= 0) return out;
    auto each = pool / static_cast<bot::fen>(n);
    auto odd = pool % static_cast<bot::fen>(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = each + (static_cast<bot::fen>(i) < odd ? 1 : 0);
    return out;
}

bot::fen prorata_refund(bot::fen remaining, int done, int days) {
    if (remaining <= 0 || days <= 0 || done <= 0) return 0;
    if (done >= days) return remaining;
    return remaining * done / days;
}

bool finished(rules const& r, tally const& t) {
    return !t.left && t.done + t.leave + t.excused >= r.full_days;
}

settlement settle(rules const& r, std::vector<tally> const& members, bot::fen pool, bot::fen fund_so_far) {
    settlement out;
    out.pool = pool;
    std::vector<std::size_t> finishers;
    for (auto const& m : members) {
        settle_line line;
        line.member = m;
        line.why = m.left ? reason::left : finished(r, m) ? reason::finished : reason::not_finished;
        if (line.why == reason::finished) finishers.push_back(out.lines.size());
        out.lines.push_back(std::move(line));
    }
    if (finishers.empty()) {
        out.pool_to_fund = pool;
    } else {
        auto shares = share_equally(pool, finishers.size());
        for (std::size_t i = 0; i < finishers.size(); ++i) out.lines[finishers[i]].share = shares[i];
    }
    for (auto& line : out.lines) {
        line.amount = line.member.remaining + line.share;
        out.deposits += line.member.paid;
        out.refunds += line.amount;
    }
    out.to_fund = fund_so_far + out.pool_to_fund;
    return out;
}

}  // namespace plugins::deposit
