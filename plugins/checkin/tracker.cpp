#include "plugins/checkin/tracker.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

namespace {

std::optional<previous> as_previous(std::optional<day_row> const& r) {
    if (!r) return std::nullopt;
    return previous{r->day, r->counted};
}

}  // namespace

checkin_result tracker::check_in(std::string const& g, bot::id const& user, std::string const& name,
                                 bot::civil_date day, std::int64_t at, output o, std::string const& note) {
    checkin_result out;
    repo_.db().immediate([&] {
        auto existing = repo_.get(g, user, day);
        if (existing && existing->kind != entry_kind::leave) {
            repo_.add_output(g, user, day, static_cast<int>(o.chars), o.images, note);
            out = {false, existing->rank, existing->counted};
            return;
        }
        auto prev = repo_.last_counted_before(g, user, day);
        auto leave = prev ? repo_.leave_between(g, user, prev->day, day) : 0;
        day_row row;
        row.day = day;
        row.kind = entry_kind::done;
        row.at = at;
        row.counted = tally_after(day, as_previous(prev), leave);
        row.outputs = 1;
        row.chars = static_cast<int>(o.chars);
        row.images = o.images;
        row.note = note;
        out.rank = repo_.put_counted(g, user, row);
        out.counted = row.counted;
        // A late check-in for its own (not yet closed) day may land before a day already counted.
        carry_on(g, user, day, row.counted);
        repo_.remember(g, user, name, day);
    });
    return out;
}

tally tracker::make_up(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day,
                       std::int64_t at, output o, std::string const& note) {
    tally result;
    repo_.db().immediate([&] {
        auto prev = repo_.last_counted_before(g, user, day);
        auto leave = prev ? repo_.leave_between(g, user, prev->day, day) : 0;
        day_row row;
        row.day = day;
        row.kind = entry_kind::makeup;
        row.at = at;
        row.counted = tally_after(day, as_previous(prev), leave);
        row.outputs = 1;
        row.chars = static_cast<int>(o.chars);
        row.images = o.images;
        row.note = note;
        repo_.put_counted(g, user, row);
        result = row.counted;
        // Later counted days (today's check-in) now follow the made-up day.
        carry_on(g, user, day, row.counted);
        repo_.remember(g, user, name, day);
    });
    return result;
}

void tracker::carry_on(std::string const& g, bot::id const& user, bot::civil_date day, tally at) {
    std::optional<previous> last = previous{day, at};
    int leave_since = 0;
    for (auto const& r : repo_.days_of(g, user, day.plus_days(1), day.plus_days(400))) {
        if (r.kind == entry_kind::leave) {
            ++leave_since;
            continue;
        }
        auto t = tally_after(r.day, last, leave_since);
        repo_.set_tally(g, user, r.day, t);
        last = previous{r.day, t};
        leave_since = 0;
    }
}

void tracker::take_leave(std::string const& g, bot::id const& user, std::string const& name, leave_plan const& plan,
                         std::int64_t at, std::string const& reason) {
    repo_.db().immediate([&] {
        for (auto const& d : plan.days) repo_.put_leave(g, user, d, at, reason);
        if (!plan.days.empty()) repo_.remember(g, user, name, plan.days.front());
    });
}

standing tracker::standing_on(std::string const& g, bot::id const& user, bot::civil_date today) {
    auto last = repo_.last_counted_before(g, user, today.plus_days(1));
    if (!last) return {};
    auto leave = repo_.leave_between(g, user, last->day, today);
    return {current_streak(as_previous(last), today, leave), last->counted.total};
}

}  // namespace plugins::checkin
