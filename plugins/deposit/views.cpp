// What members read: the rules in plain words, a status, the day close and the settlement list.
#include <fmt/format.h>

#include "plugins/deposit/plugin.hpp"

namespace plugins::deposit {

std::string yuan(bot::fen f) { return (f < 0 ? "-" : "") + bot::format_money(f < 0 ? -f : f); }

std::optional<bot::id> named_member(state& st, bot::command_call const& call, std::optional<challenge> const& c,
                                    std::string const& text) {
    if (auto const* m = call.s().content())
        for (auto const& seg : m->segments())
            if (auto const* at = std::get_if<bot::seg::at>(&seg); at && at->user != call.s().ev().self_id)
                return at->user;
    auto word = text.substr(0, text.find(' '));
    if (word.starts_with("@")) word.erase(0, 1);
    if (word.empty()) return std::nullopt;
    if (c)
        for (auto const& e : st.b.repo().members(c->id))
            if (e.name == word || bot::id::decode(e.user).str() == word) return bot::id::decode(e.user);
    if (word.find_first_not_of("0123456789") == std::string::npos) return bot::id(std::stoll(word));
    return std::nullopt;
}

std::string describe_destination(state& st, bot::group_ref const& g, rules const& r) {
    switch (r.to) {
        case destination::fund: return st.render(g, "dest_fund");
        case destination::finishers: return st.render(g, "dest_finishers");
        case destination::split: return st.render(g, "dest_split", {{"fund_percent", r.fund_percent}});
    }
    return {};
}

std::string describe_rules(state& st, bot::group_ref const& g, challenge const& c) {
    auto const& r = c.r;
    auto fine_rule = r.mode == fine_mode::fixed ? st.render(g, "fine_fixed", {{"fine", yuan(r.fine)}})
                                                : st.render(g, "fine_percent", {{"percent", r.percent}});
    auto free_rule = r.free_misses() > 0 ? st.render(g, "free_some", {{"free", r.free_misses()}}) : st.render(g, "free_none");
    auto leave_rule = r.leave_limit > 0 ? st.render(g, "leave_some", {{"leave", r.leave_limit}}) : st.render(g, "leave_none");
    auto leaver_rule = st.render(g, r.leaver == leaver_rule::forfeit ? "leaver_forfeit" : "leaver_prorata");
    return st.render(g, "rules",
                     {{"name", r.name},
                      {"start", r.start.str()},
                      {"end", r.last_day().str()},
                      {"days", r.days},
                      {"deposit", yuan(r.deposit)},
                      {"rule", st.render(g, r.rule == day_rule::checkin ? "rule_checkin" : "rule_message")},
                      {"fine_rule", fine_rule},
                      {"full", r.full_days},
                      {"free_rule", free_rule},
                      {"leave_rule", leave_rule},
                      {"dest_rule", describe_destination(st, g, r)},
                      {"leaver_rule", leaver_rule},
                      {"join_until", r.start.str()}});
}

std::string state_word(state& st, bot::group_ref const& g, member_status s) {
    switch (s) {
        case member_status::pending: return st.render(g, "state_pending");
        case member_status::paid: return st.render(g, "state_paid");
        case member_status::expired: return st.render(g, "state_expired");
        case member_status::withdrawn: return st.render(g, "state_withdrawn");
        case member_status::left: return st.render(g, "state_left");
    }
    return {};
}

std::string describe_status(state& st, bot::group_ref const& g, challenge const& c, enrolment const& e,
                            bot::civil_date today) {
    auto t = st.b.tally_of(c, e);
    long left = today < c.r.start ? c.r.days : std::max<long>(0, c.r.last_day().serial() - today.serial() + 1);
    auto free = std::max(0, c.r.free_misses() - t.missed);
    std::string outlook;
    if (e.status == member_status::paid) {
        outlook = free > 0 || c.r.free_misses() > t.missed
                      ? st.render(g, "outlook_free",
                                  {{"free", free}, {"need", std::max(0, c.r.full_days - t.leave - t.excused)}})
                      : st.render(g, "outlook_fine", {{"next", yuan(fine_for(c.r, t.missed, t.remaining))}});
    }
    auto text = st.render(g, "status",
                     {{"challenge", c.r.name},
                      {"name", e.name},
                      {"state", state_word(st, g, e.status)},
                      {"done", t.done},
                      {"missed", t.missed},
                      {"leave", t.leave},
                      {"left", left},
                      {"deposit", yuan(t.paid)},
                      {"fined", yuan(t.fined)},
                      {"remaining", yuan(t.remaining)},
                      {"outlook", outlook}});
    while (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

bot::message describe_close(state& st, bot::group_ref const& g, challenge const& c, bot::civil_date day,
                            std::vector<day_result> const& results) {
    bot::message m;
    if (results.empty()) return m;
    int done = 0, leave = 0, missed = 0;
    for (auto const& r : results) {
        if (r.day != day) continue;
        done += r.v == verdict::done ? 1 : 0;
        leave += r.v == verdict::leave ? 1 : 0;
        missed += r.v == verdict::missed ? 1 : 0;
    }
    m.text(st.render(g, "close_head",
                     {{"challenge", c.r.name},
                      {"day", day.str()},
                      {"n", day.serial() - c.r.start.serial() + 1},
                      {"days", c.r.days},
                      {"done", done},
                      {"leave", leave},
                      {"missed", missed}}));
    for (auto const& r : results) {
        if (r.v != verdict::missed) continue;
        m.text("\n");
        m.at(bot::id::decode(r.user), r.name);
        if (r.day != day) m.text(st.render(g, "close_earlier", {{"day", r.day.str()}}));
        if (r.fine > 0) {
            m.text(st.render(g, "close_fined", {{"fine", yuan(r.fine)}, {"remaining", yuan(r.remaining)}, {"day", r.day.str()}}));
        } else if (r.remaining <= 0) {
            m.text(st.render(g, "close_empty", {{"day", r.day.str()}}));
        } else if (r.free_left > 0) {
            m.text(st.render(g, "close_free", {{"free", r.free_left}, {"day", r.day.str()}}));
        } else {
            m.text(st.render(g, "close_free_last", {{"day", r.day.str()}}));
        }
    }
    return m;
}

std::string describe_why(state& st, bot::group_ref const& g, challenge const& c, settle_line const& line) {
    auto const& r = c.r;
    auto const& t = line.member;
    std::vector<std::string> parts;
    if (line.why == reason::left) parts.push_back(st.render(g, "why_left"));
    if (line.why == reason::cancelled) parts.push_back(st.render(g, "why_cancelled"));
    if (line.why != reason::cancelled) parts.push_back(st.render(g, "why_done", {{"done", t.done}, {"days", r.days}}));
    if (t.leave > 0) parts.push_back(st.render(g, "why_leave", {{"leave", t.leave}}));
    if (t.missed > 0 && t.fined > 0)
        parts.push_back(st.render(g, "why_missed", {{"missed", t.missed}, {"fined", yuan(t.fined)}}));
    if (t.missed > 0 && t.fined == 0) parts.push_back(st.render(g, "why_missed_free", {{"missed", t.missed}}));
    if (t.excused > 0) parts.push_back(st.render(g, "why_excused", {{"excused", t.excused}}));
    if (line.why == reason::not_finished) parts.push_back(st.render(g, "why_not_finished", {{"full", r.full_days}}));
    if (line.share > 0) parts.push_back(st.render(g, "why_share", {{"share", yuan(line.share)}}));
    std::string why;
    for (auto const& p : parts) why += (why.empty() ? "" : "，") + p;
    return why;
}

std::string describe_settlement(state& st, bot::group_ref const& g, challenge const& c, settlement const& s,
                                std::vector<refund_row> const& paid) {
    auto const& r = c.r;
    std::string out = st.render(g, "settle_head", {{"challenge", r.name}});
    if (s.lines.empty()) return out + "\n" + st.render(g, "settle_empty");
    int n = 0;
    for (auto const& line : s.lines) {
        auto const& t = line.member;
        auto why = describe_why(st, g, c, line);
        bool is_paid = false;
        for (auto const& p : paid)
            if (p.user == t.user && p.paid_at != 0 && p.amount > 0) is_paid = true;
        out += "\n" + st.render(g, "settle_line",
                                {{"n", ++n},
                                 {"name", t.name},
                                 {"amount", yuan(line.amount)},
                                 {"why", why},
                                 {"paid", is_paid ? st.render(g, "settle_paid_mark") : std::string()}});
    }
    if (s.pool_to_fund > 0) out += "\n" + st.render(g, "settle_pool_to_fund", {{"pool", yuan(s.pool_to_fund)}});
    if (s.balanced()) {
        out += "\n" + st.render(g, "settle_check_ok",
                                {{"deposits", yuan(s.deposits)}, {"refunds", yuan(s.refunds)}, {"fund", yuan(s.to_fund)}});
    } else {
        out += "\n" + st.render(g, "settle_check_bad",
                                {{"deposits", yuan(s.deposits)},
                                 {"refunds", yuan(s.refunds)},
                                 {"fund", yuan(s.to_fund)},
                                 {"diff", s.deposits - s.refunds - s.to_fund}});
    }
    return out + "\n" + st.render(g, "settle_footer");
}

}  // namespace plugins::deposit
