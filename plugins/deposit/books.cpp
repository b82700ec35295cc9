#include "plugins/deposit/books.hpp"
#include "storage/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace plugins::deposit {

std::string member_account(std::int64_t c, std::string const& user) { return fmt::format("deposit:{}:{}", c, user); }
std::string pool_account(std::int64_t c) { return fmt::format("deposit:{}:pool", c); }
std::string fund_account(std::string const& group) { return "fund:" + group; }
std::string external_account(std::string const& user) { return "external:" + user; }
std::string fine_key(std::int64_t c, std::string const& user, bot::civil_date day) {
    return fmt::format("deposit:{}:{}:{}:fine", c, user, day.str());
}

namespace {

std::string challenge_prefix(std::int64_t c) { return fmt::format("deposit:{}:", c); }

}  // namespace

namespace {

/// The key of a member's n-th deposit confirmation: a confirmation reversed by mistake leaves its
/// key taken, so a later one needs a new key (":2", ":3", ...).
std::string paid_key(std::int64_t c, std::string const& user, int n) {
    return n <= 1 ? fmt::format("deposit:{}:{}:paid", c, user) : fmt::format("deposit:{}:{}:paid:{}", c, user, n);
}

}  // namespace

pay_outcome books::confirm_payment(challenge const& c, std::string const& user, bot::fen amount,
                                   std::string const& actor, std::int64_t at) {
    auto outcome = pay_outcome::recorded;
    db_.immediate([&] {
        auto e = repo_.member(c.id, user);
        if (!e || e->status == member_status::withdrawn || e->status == member_status::left) {
            outcome = pay_outcome::not_enrolled;
            return;
        }
        if (e->status == member_status::paid) {
            outcome = pay_outcome::already_paid;
            return;
        }
        if (c.status != challenge_status::open) {
            outcome = pay_outcome::closed;
            return;
        }
        if (amount != c.r.deposit) {
            outcome = pay_outcome::wrong_amount;
            return;
        }
        // An expired enrolment that pays after all is taken back: the admin has the money.
        int n = 1;
        while (ledger_.has(paid_key(c.id, user, n))) ++n;
        storage::posting p{paid_key(c.id, user, n), c.group, "deposit",
                           fmt::format("「{}」{} 押金", c.r.name, e->name), actor,
                           {{external_account(user), -amount}, {member_account(c.id, user), amount}}, at};
        ledger_.post(p);
        repo_.set_paid(c.id, user, amount, at, actor);
    });
    return outcome;
}

unpay_outcome books::unconfirm_payment(challenge const& c, std::string const& user, std::string const& actor,
                                       std::int64_t at) {
    auto outcome = unpay_outcome::reversed;
    db_.immediate([&] {
        auto e = repo_.member(c.id, user);
        if (c.status == challenge_status::settled) {
            outcome = unpay_outcome::closed;
            return;
        }
        if (!e || e->status != member_status::paid) {
            outcome = unpay_outcome::not_paid;
            return;
        }
        if (ledger_.balance(c.group, member_account(c.id, user)) != e->paid) {
            outcome = unpay_outcome::fined;
            return;
        }
        int n = 1;
        while (ledger_.has(paid_key(c.id, user, n + 1))) ++n;
        ledger_.reverse(paid_key(c.id, user, n), actor, fmt::format("「{}」{} 押金确认撤销", c.r.name, e->name), at);
        repo_.set_paid(c.id, user, 0, 0, "");
        repo_.rejoin(c.id, user, e->name, at);
    });
    return outcome;
}

void books::post_forfeit(challenge const& c, std::string const& key, std::string const& kind, std::string const& from,
                         bot::fen amount, std::string const& memo, std::string const& actor, std::int64_t at) {
    if (amount <= 0) return;
    auto split = split_forfeit(c.r, amount);
    storage::posting p{key, c.group, kind, memo, actor, {{from, -amount}}, at};
    if (split.to_fund > 0) p.legs.push_back({fund_account(c.group), split.to_fund});
    if (split.to_pool > 0) p.legs.push_back({pool_account(c.id), split.to_pool});
    ledger_.post(p);
}

day_judgement books::judge_member(challenge const& c, enrolment const& e, bot::civil_date day) {
    day_history h;
    for (auto const& d : repo_.days(c.id, e.user)) {
        h.missed += d.v == verdict::missed ? 1 : 0;
        h.leave += d.v == verdict::leave ? 1 : 0;
    }
    h.remaining = ledger_.balance(c.group, member_account(c.id, e.user));
    auto mark = marks_(c.group, bot::id::decode(e.user), day);
    bool active = c.r.rule == day_rule::message && repo_.active(c.group, e.user, day);
    return judge_day(c.r, h, mark, active);
}

day_judgement books::preview(challenge const& c, enrolment const& e, bot::civil_date day) {
    return judge_member(c, e, day);
}

std::vector<bot::civil_date> books::unjudged_days(challenge const& c, bot::civil_date last) {
    std::set<bot::civil_date> judged_by_all;
    bool first = true;
    for (auto const& e : repo_.members(c.id)) {
        if (e.status != member_status::paid) continue;
        std::set<bot::civil_date> mine;
        for (auto const& d : repo_.days(c.id, e.user)) mine.insert(d.day);
        if (first) {
            judged_by_all = std::move(mine);
            first = false;
        } else {
            std::erase_if(judged_by_all, [&](bot::civil_date d) { return !mine.contains(d); });
        }
    }
    std::vector<bot::civil_date> out;
    if (first) return out;  // nobody paid: nothing to judge
    for (auto d = c.r.start; d <= last; d = d.plus_days(1))
        if (!judged_by_all.contains(d)) out.push_back(d);
    return out;
}

bool books::judge_all_on(challenge const& c, bot::civil_date day, std::int64_t at,
                         std::vector<std::pair<std::int64_t, day_result>>& out) {
    // A settled (or cancelled) challenge is closed: its days are never judged again.
    if (auto now = repo_.find(c.id); !now || now->status == challenge_status::settled) return false;
    for (auto const& e : repo_.members(c.id)) {
        if (e.status != member_status::paid || repo_.has_day(c.id, e.user, day)) continue;
        auto j = judge_member(c, e, day);
        // Keyed by member and day (fine_key), as in every stored ledger: a day fined once is never fined again.
        post_forfeit(c, fine_key(c.id, e.user, day), "fine", member_account(c.id, e.user), j.fine,
                     fmt::format("「{}」{} {} 缺卡罚款", c.r.name, e.name, day.str()), "system", at);
        repo_.add_day(c.id, e.user, {day, j.v, j.fine});
        out.emplace_back(e.seq, day_result{e.user, e.name, day, j.v, j.fine, j.after.remaining, j.free_left});
    }
    return true;
}

std::vector<day_result> books::judge_through(challenge const& c, bot::civil_date last_closed, std::int64_t at) {
    std::vector<day_result> out;
    auto last = std::min(last_closed, c.r.last_day());
    if (last < c.r.start) return out;
    std::vector<std::pair<std::int64_t, day_result>> judged;
    for (auto day : unjudged_days(c, last)) {
        bool open = true;
        // One day close is one transaction: every member's row and fine of the day, or none of them.
        db_.immediate([&] { open = judge_all_on(c, day, at, judged); });
        if (!open) break;
    }
    // Announced member by member, each one's days in order.
    std::stable_sort(judged.begin(), judged.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
    for (auto& [seq, r] : judged) out.push_back(std::move(r));
    return out;
}

tally books::tally_of(challenge const& c, enrolment const& e) {
    tally t;
    t.user = e.user;
    t.name = e.name;
    t.paid = e.status == member_status::paid || e.status == member_status::left ? e.paid : 0;
    t.left = e.status == member_status::left;
    t.remaining = ledger_.balance(c.group, member_account(c.id, e.user));
    for (auto const& d : repo_.days(c.id, e.user)) {
        switch (d.v) {
            case verdict::done: ++t.done; break;
            case verdict::leave: ++t.leave; break;
            case verdict::missed: ++t.missed; t.fined += d.fine; break;
            case verdict::excused: ++t.excused; break;
        }
    }
    return t;
}

leave_result books::leave(challenge const& c, std::string const& user, bot::civil_date last_closed, std::int64_t at) {
    leave_result out;
    auto e = repo_.member(c.id, user);
    if (!e || c.status == challenge_status::settled) return out;
    out.name = e->name;
    if (e->status == member_status::pending || e->status == member_status::expired) {
        repo_.set_member_status(c.id, user, member_status::withdrawn);
        out.what = e->status == member_status::pending ? leave_result::kind::cancelled : leave_result::kind::none;
        return out;
    }
    // After the last day the member has finished their part; settlement treats them as any other.
    if (e->status != member_status::paid || c.status != challenge_status::open) return out;
    judge_through(c, last_closed, at);
    db_.immediate([&] {
        auto fresh = repo_.member(c.id, user);
        if (!fresh || fresh->status != member_status::paid) return;
        auto t = tally_of(c, *fresh);
        out.done = t.done;
        out.refund = c.r.leaver == leaver_rule::prorata ? prorata_refund(t.remaining, t.done, c.r.days) : 0;
        out.forfeited = t.remaining - out.refund;
        out.what = c.r.leaver == leaver_rule::prorata ? leave_result::kind::prorata : leave_result::kind::forfeit;
        post_forfeit(c, fmt::format("deposit:{}:{}:left", c.id, user), "forfeit", member_account(c.id, user),
                     out.forfeited, fmt::format("「{}」{} 中途退群", c.r.name, fresh->name), "system", at);
        repo_.set_member_status(c.id, user, member_status::left);
    });
    return out;
}

bot::fen books::fund_from(challenge const& c) {
    bot::fen sum = 0;
    auto fund = fund_account(c.group);
    for (auto const& p : ledger_.history(c.group, challenge_prefix(c.id)))
        for (auto const& l : p.legs)
            if (l.account == fund) sum += l.fen;
    return sum;
}

settlement books::stored_settlement(challenge const& c) {
    settlement s;
    auto stored = repo_.refunds(c.id);
    for (auto const& r : stored) {
        auto e = repo_.member(c.id, r.user);
        if (!e) continue;
        settle_line line;
        line.member = tally_of(c, *e);
        line.share = r.share;
        line.amount = r.amount;
        line.why = r.why;
        s.deposits += line.member.paid;
        s.refunds += line.amount;
        s.pool += line.share;
        s.lines.push_back(std::move(line));
    }
    // The unclaimed pool, when nobody finished, is the one posting from the pool to the fund.
    for (auto const& p : ledger_.history(c.group, pool_account(c.id)))
        if (p.key == fmt::format("deposit:{}:pool:unclaimed", c.id))
            for (auto const& l : p.legs)
                if (l.account == pool_account(c.id)) s.pool_to_fund -= l.fen;
    s.pool += s.pool_to_fund;
    s.to_fund = fund_from(c);
    return s;
}

settlement books::settlement_now(challenge const& c) {
    std::vector<tally> tallies;
    for (auto const& e : repo_.members(c.id))
        if (e.status == member_status::paid || e.status == member_status::left) tallies.push_back(tally_of(c, e));
    auto pool = ledger_.balance(c.group, pool_account(c.id));
    return plugins::deposit::settle(c.r, tallies, pool, fund_from(c));
}

settlement books::settle(challenge const& c, std::int64_t at) {
    judge_through(c, c.r.last_day(), at);
    db_.immediate([&] {
        auto now = repo_.find(c.id);
        if (!now || now->status == challenge_status::settled) return;
        auto s = settlement_now(c);
        for (auto const& line : s.lines) {
            if (line.share > 0) {
                storage::posting p{fmt::format("deposit:{}:{}:share", c.id, line.member.user), c.group, "share",
                                   fmt::format("「{}」{} 分得奖池", c.r.name, line.member.name), "system",
                                   {{pool_account(c.id), -line.share},
                                    {member_account(c.id, line.member.user), line.share}},
                                   at};
                ledger_.post(p);
            }
            repo_.add_refund(c.id, {line.member.user, line.amount, line.share, line.why, 0, {}});
            // Nothing to pay back: settled on the spot, so the admins only mark real payments.
            if (line.amount == 0) repo_.mark_refund_paid(c.id, line.member.user, at, "system");
        }
        if (s.pool_to_fund > 0) {
            storage::posting p{fmt::format("deposit:{}:pool:unclaimed", c.id), c.group, "forfeit",
                               fmt::format("「{}」无人完成，奖池转入群基金", c.r.name), "system",
                               {{pool_account(c.id), -s.pool_to_fund}, {fund_account(c.group), s.pool_to_fund}}, at};
            ledger_.post(p);
        }
        repo_.set_status(c.id, challenge_status::settled);
    });
    return stored_settlement(c);
}

cancel_outcome books::cancel(challenge const& c, std::int64_t at) {
    auto outcome = cancel_outcome::cancelled;
    db_.immediate([&] {
        auto now = repo_.find(c.id);
        if (!now || now->status != challenge_status::open) {
            outcome = cancel_outcome::closed;
            return;
        }
        auto members = repo_.members(c.id);
        for (auto const& e : members) {
            if (!repo_.days(c.id, e.user).empty()) {
                outcome = cancel_outcome::already_judged;
                return;
            }
        }
        for (auto const& e : members) {
            if (e.status == member_status::pending || e.status == member_status::expired)
                repo_.set_member_status(c.id, e.user, member_status::withdrawn);
            if (e.status != member_status::paid) continue;
            auto held = ledger_.balance(c.group, member_account(c.id, e.user));
            repo_.add_refund(c.id, {e.user, held, 0, reason::cancelled, 0, {}});
            if (held == 0) repo_.mark_refund_paid(c.id, e.user, at, "system");
        }
        repo_.set_status(c.id, challenge_status::settled);
    });
    return outcome;
}

refund_result books::mark_refund(challenge const& c, std::string const& user, std::string const& actor,
                                 std::int64_t at) {
    refund_result out{refund_outcome::marked, 0};
    db_.immediate([&] {
        auto now = repo_.find(c.id);
        if (!now || now->status != challenge_status::settled) {
            out.outcome = refund_outcome::not_settled;
            return;
        }
        std::optional<refund_row> row;
        for (auto const& r : repo_.refunds(c.id))
            if (r.user == user) row = r;
        if (!row) {
            out.outcome = refund_outcome::not_listed;
            return;
        }
        out.amount = row->amount;
        if (row->amount == 0) {
            out.outcome = refund_outcome::nothing_owed;
            return;
        }
        if (row->paid_at != 0) {
            out.outcome = refund_outcome::already_marked;
            return;
        }
        auto e = repo_.member(c.id, user);
        storage::posting p{fmt::format("deposit:{}:{}:refund", c.id, user), c.group, "refund",
                           fmt::format("「{}」{} 退款", c.r.name, e ? e->name : user), actor,
                           {{member_account(c.id, user), -row->amount}, {external_account(user), row->amount}}, at};
        ledger_.post(p);
        repo_.mark_refund_paid(c.id, user, at, actor);
    });
    return out;
}

waive_result books::waive(challenge const& c, std::string const& user, bot::civil_date day, std::string const& actor,
                          std::int64_t at) {
    waive_result out{waive_outcome::waived, 0};
    db_.immediate([&] {
        auto now = repo_.find(c.id);
        auto e = repo_.member(c.id, user);
        if (!now || now->status == challenge_status::settled || !e || e->status == member_status::left) {
            out.outcome = waive_outcome::settled;
            return;
        }
        std::optional<judged_day> found;
        for (auto const& d : repo_.days(c.id, user))
            if (d.day == day) found = d;
        if (!found || found->fine == 0) {
            out.outcome = waive_outcome::no_fine;
            return;
        }
        out.amount = found->fine;
        if (found->v == verdict::excused) {
            out.outcome = waive_outcome::already_waived;
            return;
        }
        ledger_.reverse(fine_key(c.id, user, day), actor, fmt::format("「{}」{} {} 罚款撤销", c.r.name, e->name, day.str()),
                        at);
        repo_.set_verdict(c.id, user, day, verdict::excused);
    });
    return out;
}

namespace {

/// A CSV field: quoted when needed, and text that a spreadsheet would run as a formula is defused.
std::string csv_field(std::string const& s, bool text = true) {
    std::string v = s;
    if (text && !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string out = "\"";
    for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

}  // namespace

std::vector<storage::posted> books::postings(challenge const& c) {
    return ledger_.history(c.group, challenge_prefix(c.id));
}

std::string books::export_csv(challenge const& c, bot::time_zone const& tz) {
    std::string out = "seq,time,key,kind,account,fen,yuan,memo,actor\n";
    for (auto const& p : postings(c)) {
        auto when = tz.to_local(bot::time_point{std::chrono::seconds{p.at}});
        for (auto const& l : p.legs) {
            out += fmt::format("{},{}:{:02},{},{},{},{},{}{},{},{}\n", p.seq, when.str(), when.second, csv_field(p.key),
                               csv_field(p.kind), csv_field(l.account), l.fen, l.fen < 0 ? "-" : "",
                               bot::format_money(l.fen < 0 ? -l.fen : l.fen), csv_field(p.memo), csv_field(p.actor));
        }
    }
    return out;
}

}  // namespace plugins::deposit
