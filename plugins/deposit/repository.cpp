#include "plugins/deposit/repository.hpp"
#include "storage/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <array>
#include <string_view>
#include <utility>

namespace plugins::deposit {

namespace {

// The text each status and settlement reason has in the tables; the only place these names occur.
constexpr std::array<std::pair<challenge_status, std::string_view>, 3> challenge_statuses{{
    {challenge_status::open, "open"},
    {challenge_status::ended, "ended"},
    {challenge_status::settled, "settled"},
}};
constexpr std::array<std::pair<member_status, std::string_view>, 5> member_statuses{{
    {member_status::pending, "pending"},
    {member_status::paid, "paid"},
    {member_status::expired, "expired"},
    {member_status::withdrawn, "withdrawn"},
    {member_status::left, "left"},
}};
constexpr std::array<std::pair<reason, std::string_view>, 4> reasons{{
    {reason::finished, "finished"},
    {reason::not_finished, "not_finished"},
    {reason::left, "left"},
    {reason::cancelled, "cancelled"},
}};

template <typename E, std::size_t N>
std::string stored(std::array<std::pair<E, std::string_view>, N> const& table, E value) {
    for (auto const& [v, name] : table)
        if (v == value) return std::string(name);
    return std::string(table.front().second);
}

/// A stored name back to its value; a name the code does not know reads as `fallback`.
template <typename E, std::size_t N>
E parsed(std::array<std::pair<E, std::string_view>, N> const& table, std::string const& name, E fallback) {
    for (auto const& [v, n] : table)
        if (n == name) return v;
    return fallback;
}

constexpr char const* insert_challenge_sql =
    "INSERT INTO deposit_challenges(group_key, name, start_day, days, deposit, fine_mode, fine, percent, full_days, "
    "destination, fund_percent, leave_limit, leaver, day_rule, status, created_by, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?17, ?15, ?16)";
constexpr char const* challenge_columns =
    "SELECT id, group_key, name, start_day, days, deposit, fine_mode, fine, percent, full_days, destination, "
    "fund_percent, leave_limit, leaver, day_rule, status, created_by, created_at FROM deposit_challenges ";
constexpr char const* current_where = "WHERE group_key = ?1 AND status <> ?2 ORDER BY id DESC LIMIT 1";
constexpr char const* latest_where = "WHERE group_key = ?1 ORDER BY id DESC LIMIT 1";
constexpr char const* all_where = "WHERE group_key = ?1 ORDER BY id DESC LIMIT ?2";
constexpr char const* by_id_where = "WHERE id = ?1";
constexpr char const* set_status_sql = "UPDATE deposit_challenges SET status = ?2 WHERE id = ?1";

constexpr char const* insert_member_sql =
    "INSERT OR IGNORE INTO deposit_members(challenge_id, user, name, seq, status, joined_at) "
    "VALUES(?1, ?2, ?3, (SELECT COALESCE(MAX(seq), 0) + 1 FROM deposit_members WHERE challenge_id = ?1), "
    "?5, ?4)";
constexpr char const* rejoin_sql =
    "UPDATE deposit_members SET status = ?5, name = ?3, joined_at = ?4 WHERE challenge_id = ?1 AND user = ?2";
constexpr char const* member_columns =
    "SELECT challenge_id, user, name, seq, status, joined_at, paid, paid_at, paid_by FROM deposit_members ";
constexpr char const* set_member_status_sql =
    "UPDATE deposit_members SET status = ?3 WHERE challenge_id = ?1 AND user = ?2";
constexpr char const* set_paid_sql =
    "UPDATE deposit_members SET status = ?6, paid = ?3, paid_at = ?4, paid_by = ?5 "
    "WHERE challenge_id = ?1 AND user = ?2";

constexpr char const* select_days_sql =
    "SELECT day, verdict, fine FROM deposit_days WHERE challenge_id = ?1 AND user = ?2 ORDER BY day";
constexpr char const* has_day_sql = "SELECT 1 FROM deposit_days WHERE challenge_id = ?1 AND user = ?2 AND day = ?3";
constexpr char const* insert_day_sql =
    "INSERT INTO deposit_days(challenge_id, user, day, verdict, fine) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* set_verdict_sql =
    "UPDATE deposit_days SET verdict = ?4 WHERE challenge_id = ?1 AND user = ?2 AND day = ?3";

constexpr char const* insert_refund_sql =
    "INSERT INTO deposit_refunds(challenge_id, user, amount, share, reason) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* select_refunds_sql =
    "SELECT r.user, r.amount, r.share, r.reason, r.paid_at, r.paid_by FROM deposit_refunds r "
    "JOIN deposit_members m ON m.challenge_id = r.challenge_id AND m.user = r.user "
    "WHERE r.challenge_id = ?1 ORDER BY m.seq";
constexpr char const* mark_refund_sql =
    "UPDATE deposit_refunds SET paid_at = ?3, paid_by = ?4 WHERE challenge_id = ?1 AND user = ?2";

constexpr char const* note_activity_sql =
    "INSERT OR IGNORE INTO deposit_activity(group_key, user, day) VALUES(?1, ?2, ?3)";
constexpr char const* active_sql = "SELECT 1 FROM deposit_activity WHERE group_key = ?1 AND user = ?2 AND day = ?3";

challenge read_challenge(SQLite::Statement& q) {
    challenge c;
    c.id = q.getColumn(0).getInt64();
    c.group = q.getColumn(1).getString();
    c.r.name = q.getColumn(2).getString();
    c.r.start = bot::parse_date(q.getColumn(3).getString()).value_or(bot::civil_date{});
    c.r.days = q.getColumn(4).getInt();
    c.r.deposit = q.getColumn(5).getInt64();
    c.r.mode = fine_mode_from(q.getColumn(6).getString()).value_or(fine_mode::fixed);
    c.r.fine = q.getColumn(7).getInt64();
    c.r.percent = q.getColumn(8).getInt();
    c.r.full_days = q.getColumn(9).getInt();
    c.r.to = destination_from(q.getColumn(10).getString()).value_or(destination::fund);
    c.r.fund_percent = q.getColumn(11).getInt();
    c.r.leave_limit = q.getColumn(12).getInt();
    c.r.leaver = leaver_from(q.getColumn(13).getString()).value_or(leaver_rule::forfeit);
    c.r.rule = day_rule_from(q.getColumn(14).getString()).value_or(day_rule::checkin);
    // Unknown text reads as the most closed state, so no money moves on a row this code does not understand.
    c.status = parsed(challenge_statuses, q.getColumn(15).getString(), challenge_status::settled);
    c.created_by = q.getColumn(16).getString();
    c.created_at = q.getColumn(17).getInt64();
    return c;
}

enrolment read_member(SQLite::Statement& q) {
    enrolment e;
    e.challenge = q.getColumn(0).getInt64();
    e.user = q.getColumn(1).getString();
    e.name = q.getColumn(2).getString();
    e.seq = q.getColumn(3).getInt64();
    e.status = parsed(member_statuses, q.getColumn(4).getString(), member_status::withdrawn);
    e.joined_at = q.getColumn(5).getInt64();
    e.paid = q.getColumn(6).getInt64();
    e.paid_at = q.getColumn(7).getInt64();
    e.paid_by = q.getColumn(8).getString();
    return e;
}

}  // namespace

std::int64_t repository::add_challenge(std::string const& group, rules const& r, std::string const& by,
                                       std::int64_t at) {
    auto& q = db_.prepare(insert_challenge_sql);
    q.bind(1, group);
    q.bind(2, r.name);
    q.bind(3, r.start.str());
    q.bind(4, r.days);
    q.bind(5, r.deposit);
    q.bind(6, std::string(name_of(r.mode)));
    q.bind(7, r.fine);
    q.bind(8, r.percent);
    q.bind(9, r.full_days);
    q.bind(10, std::string(name_of(r.to)));
    q.bind(11, r.fund_percent);
    q.bind(12, r.leave_limit);
    q.bind(13, std::string(name_of(r.leaver)));
    q.bind(14, std::string(name_of(r.rule)));
    q.bind(15, by);
    q.bind(16, at);
    q.bind(17, stored(challenge_statuses, challenge_status::open));
    q.exec();
    forget_current();
    return db_.raw().getLastInsertRowid();
}

std::optional<challenge> repository::current(std::string const& group) {
    if (auto it = current_.find(group); it != current_.end()) return it->second;
    auto& q = db_.prepare(std::string(challenge_columns) + current_where);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, stored(challenge_statuses, challenge_status::settled));
    std::optional<challenge> found;
    if (q.executeStep()) found = read_challenge(q);
    // Inside a transaction the row may not be committed yet: it is not remembered.
    if (!db_.in_transaction()) current_.emplace(group, found);
    return found;
}

void repository::forget_current() {
    current_.clear();
    db_.on_rollback([this] { current_.clear(); });
}

std::optional<challenge> repository::latest(std::string const& group) {
    auto& q = db_.prepare(std::string(challenge_columns) + latest_where);
    storage::statement_guard guard{q};
    q.bind(1, group);
    if (!q.executeStep()) return std::nullopt;
    return read_challenge(q);
}

std::vector<challenge> repository::challenges(std::string const& group, int limit) {
    auto& q = db_.prepare(std::string(challenge_columns) + all_where);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, limit);
    std::vector<challenge> out;
    while (q.executeStep()) out.push_back(read_challenge(q));
    return out;
}

std::optional<challenge> repository::find(std::int64_t id) {
    auto& q = db_.prepare(std::string(challenge_columns) + by_id_where);
    storage::statement_guard guard{q};
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_challenge(q);
}

void repository::set_status(std::int64_t id, challenge_status status) {
    auto& q = db_.prepare(set_status_sql);
    q.bind(1, id);
    q.bind(2, stored(challenge_statuses, status));
    q.exec();
    forget_current();
}

bool repository::add_member(std::int64_t c, std::string const& user, std::string const& name, std::int64_t at) {
    auto& q = db_.prepare(insert_member_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, name);
    q.bind(4, at);
    q.bind(5, stored(member_statuses, member_status::pending));
    return q.exec() > 0;
}

void repository::rejoin(std::int64_t c, std::string const& user, std::string const& name, std::int64_t at) {
    auto& q = db_.prepare(rejoin_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, name);
    q.bind(4, at);
    q.bind(5, stored(member_statuses, member_status::pending));
    q.exec();
}

std::optional<enrolment> repository::member(std::int64_t c, std::string const& user) {
    auto& q = db_.prepare(std::string(member_columns) + "WHERE challenge_id = ?1 AND user = ?2");
    storage::statement_guard guard{q};
    q.bind(1, c);
    q.bind(2, user);
    if (!q.executeStep()) return std::nullopt;
    return read_member(q);
}

std::vector<enrolment> repository::members(std::int64_t c) {
    auto& q = db_.prepare(std::string(member_columns) + "WHERE challenge_id = ?1 ORDER BY seq");
    storage::statement_guard guard{q};
    q.bind(1, c);
    std::vector<enrolment> out;
    while (q.executeStep()) out.push_back(read_member(q));
    return out;
}

void repository::set_member_status(std::int64_t c, std::string const& user, member_status status) {
    auto& q = db_.prepare(set_member_status_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, stored(member_statuses, status));
    q.exec();
}

void repository::set_paid(std::int64_t c, std::string const& user, bot::fen amount, std::int64_t at,
                          std::string const& by) {
    auto& q = db_.prepare(set_paid_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, amount);
    q.bind(4, at);
    q.bind(5, by);
    q.bind(6, stored(member_statuses, member_status::paid));
    q.exec();
}

std::vector<judged_day> repository::days(std::int64_t c, std::string const& user) {
    auto& q = db_.prepare(select_days_sql);
    storage::statement_guard guard{q};
    q.bind(1, c);
    q.bind(2, user);
    std::vector<judged_day> out;
    while (q.executeStep()) {
        judged_day d;
        d.day = bot::parse_date(q.getColumn(0).getString()).value_or(bot::civil_date{});
        d.v = verdict_from(q.getColumn(1).getString()).value_or(verdict::missed);
        d.fine = q.getColumn(2).getInt64();
        out.push_back(d);
    }
    return out;
}

bool repository::has_day(std::int64_t c, std::string const& user, bot::civil_date day) {
    auto& q = db_.prepare(has_day_sql);
    storage::statement_guard guard{q};
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, day.str());
    return q.executeStep();
}

void repository::add_day(std::int64_t c, std::string const& user, judged_day const& d) {
    auto& q = db_.prepare(insert_day_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, d.day.str());
    q.bind(4, std::string(name_of(d.v)));
    q.bind(5, d.fine);
    q.exec();
}

void repository::set_verdict(std::int64_t c, std::string const& user, bot::civil_date day, verdict v) {
    auto& q = db_.prepare(set_verdict_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, day.str());
    q.bind(4, std::string(name_of(v)));
    q.exec();
}

void repository::add_refund(std::int64_t c, refund_row const& r) {
    auto& q = db_.prepare(insert_refund_sql);
    q.bind(1, c);
    q.bind(2, r.user);
    q.bind(3, r.amount);
    q.bind(4, r.share);
    q.bind(5, stored(reasons, r.why));
    q.exec();
}

std::vector<refund_row> repository::refunds(std::int64_t c) {
    auto& q = db_.prepare(select_refunds_sql);
    storage::statement_guard guard{q};
    q.bind(1, c);
    std::vector<refund_row> out;
    while (q.executeStep()) {
        refund_row r;
        r.user = q.getColumn(0).getString();
        r.amount = q.getColumn(1).getInt64();
        r.share = q.getColumn(2).getInt64();
        r.why = parsed(reasons, q.getColumn(3).getString(), reason::not_finished);
        r.paid_at = q.getColumn(4).getInt64();
        r.paid_by = q.getColumn(5).getString();
        out.push_back(std::move(r));
    }
    return out;
}

void repository::mark_refund_paid(std::int64_t c, std::string const& user, std::int64_t at, std::string const& by) {
    auto& q = db_.prepare(mark_refund_sql);
    q.bind(1, c);
    q.bind(2, user);
    q.bind(3, at);
    q.bind(4, by);
    q.exec();
}

void repository::note_activity(std::string const& group, std::string const& user, bot::civil_date day) {
    auto& q = db_.prepare(note_activity_sql);
    q.bind(1, group);
    q.bind(2, user);
    q.bind(3, day.str());
    q.exec();
}

bool repository::active(std::string const& group, std::string const& user, bot::civil_date day) {
    auto& q = db_.prepare(active_sql);
    storage::statement_guard guard{q};
    q.bind(1, group);
    q.bind(2, user);
    q.bind(3, day.str());
    return q.executeStep();
}

}  // namespace plugins::deposit
