#pragma once
/// The glue between the deposit books and the bot: shared state, texts and message building.

#include <memory>
#include <optional>
#include <string>

#include "bot/plugin_context.hpp"
#include "bot/attendance.hpp"
#include "plugins/deposit/books.hpp"
#include "plugins/deposit/config.hpp"

namespace plugins::deposit {

/// What the plugin's handlers share; owned by the handlers that capture it.
struct state {
    explicit state(bot::plugin_context& c);

    bot::plugin_context& ctx;
    bot::service_ref<bot::attendance> checkins;  ///< the check-in records, for days judged by check-in
    books b;

    config group_cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    /// The group's day now, and the last day that has closed.
    bot::civil_date today(bot::group_ref const& g);
    /// The default rules of a new challenge in this group.
    rules defaults(bot::group_ref const& g);
    std::string render(bot::group_ref const& g, std::string const& key, bot::text_args const& args = {}) const {
        return ctx.render(g, key, args);
    }
};

void define_texts(bot::plugin_context& ctx);
/// Puts the paid members of a challenge judged by check-ins on the check-in roster from its first
/// day, so the check-in roll call names as missed the members this plugin fines.
void expect_members(state& st, bot::group_ref const& g, challenge const& c);
void register_commands(std::shared_ptr<state> const& st);
void register_money_commands(std::shared_ptr<state> const& st);
/// The console panel: challenges, roster, fines, the ledger, the settlement and the export.
void register_panel(std::shared_ptr<state> const& st);

/// "50.00"
std::string yuan(bot::fen f);
/// The rules in plain words.
std::string describe_rules(state& st, bot::group_ref const& g, challenge const& c);
/// The words for an enrolment's status ("押金已确认").
std::string state_word(state& st, bot::group_ref const& g, member_status s);
/// One member's status text.
std::string describe_status(state& st, bot::group_ref const& g, challenge const& c, enrolment const& e,
                            bot::civil_date today);
/// Why a settlement line gets its amount ("完成 19/21 天，缺卡 2 天（免罚）").
std::string describe_why(state& st, bot::group_ref const& g, challenge const& c, settle_line const& line);
/// The settlement list with its check line.
std::string describe_settlement(state& st, bot::group_ref const& g, challenge const& c, settlement const& s,
                                std::vector<refund_row> const& paid);
/// "chinese words" for where forfeits go.
std::string describe_destination(state& st, bot::group_ref const& g, rules const& r);
/// The day-close announcement; an empty message when nothing was judged.
bot::message describe_close(state& st, bot::group_ref const& g, challenge const& c, bot::civil_date day,
                            std::vector<day_result> const& results);
/// The member a command names: an @-mention, else the name or ID of someone enrolled (a member
/// who left the group can no longer be @-mentioned, but is still owed a refund).
std::optional<bot::id> named_member(state& st, bot::command_call const& call, std::optional<challenge> const& c,
                                    std::string const& text);
/// The key a group's session belongs to.
inline std::string key_of(bot::command_call const& call) { return call.s().group()->key(); }

}  // namespace plugins::deposit
