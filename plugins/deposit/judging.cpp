#include "plugins/deposit/judging.hpp"

#include <algorithm>

namespace plugins::deposit {

day_judgement judge_day(rules const& r, day_history const& before, bot::day_mark mark, bool active) {
    day_judgement out;
    out.after = before;
    bool const done = r.rule == day_rule::message ? active : mark == bot::day_mark::done;
    bool const on_leave = mark == bot::day_mark::leave;
    out.v = judge(done, on_leave, before.leave, r);
    switch (out.v) {
        case verdict::done: out.why = day_reason::done; break;
        case verdict::leave:
            out.why = day_reason::on_leave;
            out.leave_used = true;
            ++out.after.leave;
            break;
        case verdict::missed:
        case verdict::excused:  // judge() never says excused: only a waiver makes a day so
            out.over_leave_limit = on_leave;
            out.fine = fine_for(r, before.missed, before.remaining);
            out.why = before.missed < r.free_misses() ? day_reason::free_miss
                      : out.fine > 0                  ? day_reason::fined
                                                      : day_reason::nothing_left;
            ++out.after.missed;
            out.after.remaining -= out.fine;
            break;
    }
    out.free_left = std::max(0, r.free_misses() - out.after.missed);
    return out;
}

}  // namespace plugins::deposit
