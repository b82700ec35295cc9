#pragma once
/// The books of the deposit challenges: every money operation of a challenge, each one IMMEDIATE
/// transaction holding both the plugin's rows and the ledger postings, keyed so a replay (a job
/// running twice, a restart in the middle, a repeated command) never moves money twice.
///
/// Ledger accounts, all inside the group's books:
///   deposit:<c>:<user>  what is held for a member of challenge <c>
///   deposit:<c>:pool    forfeits waiting to be shared among finishers
///   fund:<group key>    the group fund
///   external:<user>     the member's own pocket (money paid in comes from here, refunds go back)

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "bot/attendance.hpp"
#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "plugins/deposit/judging.hpp"
#include "plugins/deposit/money.hpp"
#include "plugins/deposit/repository.hpp"
#include "storage/ledger.hpp"

namespace plugins::deposit {

std::string member_account(std::int64_t c, std::string const& user);
std::string pool_account(std::int64_t c);
std::string fund_account(std::string const& group);
std::string external_account(std::string const& user);
/// The idempotency key of the fine for one member's day: deposit:<c>:<user>:<date>:fine.
std::string fine_key(std::int64_t c, std::string const& user, bot::civil_date day);

/// One judged day, for the day-close announcement.
struct day_result {
    std::string user;
    std::string name;
    bot::civil_date day;
    verdict v = verdict::missed;
    bot::fen fine = 0;
    bot::fen remaining = 0;  ///< after the fine
    int free_left = 0;       ///< free misses still left after this day
};

/// What happened to a member who left the group.
struct leave_result {
    enum class kind { none, cancelled, forfeit, prorata } what = kind::none;
    std::string name;
    bot::fen refund = 0;
    bot::fen forfeited = 0;
    int done = 0;
};

enum class pay_outcome { recorded, already_paid, not_enrolled, wrong_amount, closed };
enum class refund_outcome { marked, already_marked, nothing_owed, not_settled, not_listed };
enum class waive_outcome { waived, already_waived, no_fine, settled };
enum class unpay_outcome { reversed, not_paid, fined, closed };
enum class cancel_outcome { cancelled, already_judged, closed };

/// What marking a refund did, and the refund it is about (0 when the member is not listed).
struct refund_result {
    refund_outcome outcome = refund_outcome::not_listed;
    bot::fen amount = 0;
};

/// What waiving a day's fine did, and the fine it is about (0 when there is none).
struct waive_result {
    waive_outcome outcome = waive_outcome::no_fine;
    bot::fen amount = 0;
};

class books {
public:
    /// `marks(group, user, day)` says how a member's day went by the check-in records.
    using mark_fn = std::function<bot::day_mark(std::string const& group, bot::id const& user, bot::civil_date day)>;

    books(storage::database& db, storage::ledger& ledger, mark_fn marks)
        : db_(db), ledger_(ledger), repo_(db), marks_(std::move(marks)) {}

    repository& repo() { return repo_; }

    /// Records a confirmed deposit (external → member account).
    pay_outcome confirm_payment(challenge const& c, std::string const& user, bot::fen amount, std::string const& actor,
                                std::int64_t at);

    /// Judges every paid member's days from the start through `last_closed` that are not judged yet,
    /// posting the fines: one IMMEDIATE transaction per day, holding every member's judged row and
    /// fine of that day. Safe to run any number of times. Results in enrolment order, then by day.
    std::vector<day_result> judge_through(challenge const& c, bot::civil_date last_closed, std::int64_t at);

    /// How `day` would be judged for a paid member if it closed now; nothing is written.
    day_judgement preview(challenge const& c, enrolment const& e, bot::civil_date day);

    /// What a member's books say now.
    tally tally_of(challenge const& c, enrolment const& e);

    /// A member left the group: a pending enrolment is cancelled; a paid one is judged through
    /// `last_closed` and settled by the leaver rule.
    leave_result leave(challenge const& c, std::string const& user, bot::civil_date last_closed, std::int64_t at);

    /// Settles an ended challenge: shares the pool, sends an unclaimed pool to the fund, writes the
    /// list and marks the challenge settled. Settling again returns the stored list unchanged.
    settlement settle(challenge const& c, std::int64_t at);
    /// What settle() would list now, from the days judged so far (the same tallies, pool and fund
    /// settle() uses); writes nothing. Before the last day has closed it is a forecast.
    settlement settlement_now(challenge const& c);
    /// The stored settlement of a settled challenge.
    settlement stored_settlement(challenge const& c);

    /// Cancels a challenge before its first day was judged: unpaid enrolments are withdrawn and
    /// every confirmed deposit is owed back in full.
    cancel_outcome cancel(challenge const& c, std::int64_t at);

    /// Marks a member's refund paid (member account → external) exactly once.
    refund_result mark_refund(challenge const& c, std::string const& user, std::string const& actor, std::int64_t at);

    /// Reverses a deposit confirmed by mistake (a reversing entry); the enrolment is pending again.
    /// Refused once the deposit has been fined or the member has left.
    unpay_outcome unconfirm_payment(challenge const& c, std::string const& user, std::string const& actor,
                                    std::int64_t at);

    /// Reverses the fine of one day (a reversing entry); the day then counts as excused.
    waive_result waive(challenge const& c, std::string const& user, bot::civil_date day, std::string const& actor,
                       std::int64_t at);

    /// What the challenge gave the group fund so far (net of reversals), from the ledger.
    bot::fen fund_from(challenge const& c);

    /// The challenge's ledger postings (its members', pool's and fund's), oldest first.
    std::vector<storage::posted> postings(challenge const& c);
    /// The challenge's ledger as CSV, one row per leg, times in `tz`.
    std::string export_csv(challenge const& c, bot::time_zone const& tz);

private:
    /// Gathers what judging `day` needs (the member's judged days, what is held, the day's marks)
    /// and judges it; writes nothing.
    day_judgement judge_member(challenge const& c, enrolment const& e, bot::civil_date day);
    /// The days through `last` that some paid member has not had judged yet, oldest first.
    std::vector<bot::civil_date> unjudged_days(challenge const& c, bot::civil_date last);
    /// Judges `day` for every paid member not judged on it yet and posts the fines, inside the
    /// caller's transaction; each result goes to `out` with the member's enrolment order. False
    /// when the challenge is closed (settled or cancelled) and nothing may be judged.
    bool judge_all_on(challenge const& c, bot::civil_date day, std::int64_t at,
                      std::vector<std::pair<std::int64_t, day_result>>& out);
    void post_forfeit(challenge const& c, std::string const& key, std::string const& kind, std::string const& from,
                      bot::fen amount, std::string const& memo, std::string const& actor, std::int64_t at);

    storage::database& db_;
    storage::ledger& ledger_;
    repository repo_;
    mark_fn marks_;
};

}  // namespace plugins::deposit
