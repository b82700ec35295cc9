#include "plugins/duty/repository.hpp"

#include "storage/database.hpp"

namespace plugins::duty {

namespace {

constexpr char const* members_sql = "SELECT user, name FROM duty_roster WHERE group_key = ?1 ORDER BY pos";
constexpr char const* rotation_sql = "SELECT mode, anchor_shift, anchor_pos FROM duty_rotation WHERE group_key = ?1";
constexpr char const* overrides_sql = "SELECT shift, user FROM duty_overrides WHERE group_key = ?1";
constexpr char const* clear_members_sql = "DELETE FROM duty_roster WHERE group_key = ?1";
constexpr char const* put_member_sql = "INSERT INTO duty_roster(group_key, user, pos, name) VALUES(?1, ?2, ?3, ?4)";
constexpr char const* put_rotation_sql =
    "INSERT INTO duty_rotation(group_key, mode, anchor_shift, anchor_pos) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key) DO UPDATE SET mode = excluded.mode, anchor_shift = excluded.anchor_shift, "
    "anchor_pos = excluded.anchor_pos";
constexpr char const* clear_overrides_sql = "DELETE FROM duty_overrides WHERE group_key = ?1";
constexpr char const* put_override_sql = "INSERT INTO duty_overrides(group_key, shift, user) VALUES(?1, ?2, ?3)";
constexpr char const* add_messages_sql =
    "INSERT INTO duty_shift_stats(group_key, shift, first_day, messages) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(group_key, shift) DO UPDATE SET messages = messages + excluded.messages";
constexpr char const* add_sender_sql =
    "INSERT INTO duty_participants(group_key, shift, user) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr char const* add_admin_sql =
    "INSERT INTO duty_admin_stats(group_key, shift, first_day, user, questions, moderation) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(group_key, shift, user) DO UPDATE SET "
    "questions = questions + excluded.questions, moderation = moderation + excluded.moderation";
constexpr char const* claim_sql =
    "INSERT INTO duty_sent(group_key, what, at) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr char const* shifts_sql =
    "SELECT shift, first_day, messages FROM duty_shift_stats WHERE group_key = ?1 AND first_day BETWEEN ?2 AND ?3";
constexpr char const* senders_sql =
    "SELECT p.shift, p.user FROM duty_participants p JOIN duty_shift_stats s "
    "ON s.group_key = p.group_key AND s.shift = p.shift "
    "WHERE s.group_key = ?1 AND s.first_day BETWEEN ?2 AND ?3";
constexpr char const* admins_sql =
    "SELECT shift, first_day, user, questions, moderation FROM duty_admin_stats "
    "WHERE group_key = ?1 AND first_day BETWEEN ?2 AND ?3";

}  // namespace

bot::civil_date first_day_of_key(std::string const& shift) {
    auto d = bot::parse_date(std::string_view(shift).substr(shift.find(' ') + 1));
    return d ? *d : bot::civil_date{};
}

roster repository::load(std::string const& group, mode fallback) {
    roster out;
    out.rot.kind = fallback;
    {
        auto& q = db_.prepare(rotation_sql);
        storage::statement_guard guard(q);
        q.bind(1, group);
        if (q.executeStep()) {
            out.stored = true;
            out.rot.kind = parse_mode(q.getColumn(0).getString()).value_or(fallback);
            out.rot.anchor_shift = q.getColumn(1).getInt64();
            out.rot.anchor_pos = q.getColumn(2).getInt();
        }
    }
    {
        auto& q = db_.prepare(members_sql);
        storage::statement_guard guard(q);
        q.bind(1, group);
        while (q.executeStep()) {
            auto who = bot::id::decode(q.getColumn(0).getString());
            out.rot.members.push_back(who);
            out.names[who] = q.getColumn(1).getString();
        }
    }
    auto& q = db_.prepare(overrides_sql);
    storage::statement_guard guard(q);
    q.bind(1, group);
    while (q.executeStep()) out.rot.overrides[q.getColumn(0).getInt64()] = bot::id::decode(q.getColumn(1).getString());
    return out;
}

void repository::save(std::string const& group, roster const& r) {
    auto run = [&](char const* sql, auto&&... args) {
        auto& q = db_.prepare(sql);
        storage::statement_guard guard(q);
        int i = 0;
        (q.bind(++i, args), ...);
        q.exec();
    };
    run(clear_members_sql, group);
    int pos = 0;
    for (auto const& who : r.rot.members) {
        auto name = r.names.count(who) ? r.names.at(who) : who.str();
        run(put_member_sql, group, who.encode(), pos++, name);
    }
    run(put_rotation_sql, group, mode_name(r.rot.kind), static_cast<std::int64_t>(r.rot.anchor_shift), r.rot.anchor_pos);
    run(clear_overrides_sql, group);
    for (auto const& [n, who] : r.rot.overrides) run(put_override_sql, group, static_cast<std::int64_t>(n), who.encode());
}

void repository::add(std::map<std::pair<std::string, std::string>, shift_tally> const& batch) {
    for (auto const& [key, t] : batch) {
        auto const& [group, shift] = key;
        auto day = static_cast<std::int64_t>(first_day_of_key(shift).serial());
        {
            auto& q = db_.prepare(add_messages_sql);
            storage::statement_guard guard(q);
            q.bind(1, group);
            q.bind(2, shift);
            q.bind(3, day);
            q.bind(4, t.messages);
            q.exec();
        }
        for (auto const& who : t.senders) {
            auto& q = db_.prepare(add_sender_sql);
            storage::statement_guard guard(q);
            q.bind(1, group);
            q.bind(2, shift);
            q.bind(3, who.encode());
            q.exec();
        }
        for (auto const& [who, counts] : t.admin) {
            auto& q = db_.prepare(add_admin_sql);
            storage::statement_guard guard(q);
            q.bind(1, group);
            q.bind(2, shift);
            q.bind(3, day);
            q.bind(4, who.encode());
            q.bind(5, counts.first);
            q.bind(6, counts.second);
            q.exec();
        }
    }
}

bool repository::claim(std::string const& group, std::string const& what, std::int64_t at) {
    auto& q = db_.prepare(claim_sql);
    storage::statement_guard guard(q);
    q.bind(1, group);
    q.bind(2, what);
    q.bind(3, at);
    return q.exec() == 1;
}

std::map<std::string, shift_figures> repository::figures(std::string const& group, bot::civil_date from,
                                                         bot::civil_date to) {
    std::map<std::string, shift_figures> out;
    auto bind = [&](SQLite::Statement& q) {
        q.bind(1, group);
        q.bind(2, static_cast<std::int64_t>(from.serial()));
        q.bind(3, static_cast<std::int64_t>(to.serial()));
    };
    {
        auto& q = db_.prepare(shifts_sql);
        storage::statement_guard guard(q);
        bind(q);
        while (q.executeStep()) {
            auto& f = out[q.getColumn(0).getString()];
            f.shift = q.getColumn(0).getString();
            f.first_day = bot::civil_date::from_serial(static_cast<long>(q.getColumn(1).getInt64()));
            f.messages = q.getColumn(2).getInt64();
        }
    }
    {
        auto& q = db_.prepare(senders_sql);
        storage::statement_guard guard(q);
        bind(q);
        while (q.executeStep()) out[q.getColumn(0).getString()].senders.insert(bot::id::decode(q.getColumn(1).getString()));
    }
    auto& q = db_.prepare(admins_sql);
    storage::statement_guard guard(q);
    bind(q);
    while (q.executeStep()) {
        auto& f = out[q.getColumn(0).getString()];
        f.shift = q.getColumn(0).getString();
        f.first_day = bot::civil_date::from_serial(static_cast<long>(q.getColumn(1).getInt64()));
        auto& a = f.admin[bot::id::decode(q.getColumn(2).getString())];
        a.first += q.getColumn(3).getInt64();
        a.second += q.getColumn(4).getInt64();
    }
    return out;
}

}  // namespace plugins::duty
