// Acting on a finding: the glue that gathers what plan_enforcement needs, and the executor that
// carries a plan out through the platform and announces only what succeeded.
#include <spdlog/spdlog.h>

#include <utility>

#include "bot/core.hpp"
#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

namespace {

using act = enforcement_step::act;

std::int64_t seconds_now(bot::session const& s) {
    return s.now().time_since_epoch().count();
}

/// The name an action has in the log and the report: "recall", "mute 10m", "kick", "warn".
std::string logged_name(enforcement_step const& st) {
    if (st.what == act::mute) return "mute " + bot::format_duration(st.duration);
    return std::string(act_name(st.what));
}

/// The template naming an action for admins: "撤回", "禁言", "踢人".
std::string word_key(act a) {
    return "word_" + std::string(act_name(a));
}

std::string join_list(std::vector<std::string> const& parts, std::string const& sep) {
    std::string out;
    for (auto const& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

}  // namespace

bot::task<> moderation::enforce(bot::session& s, finding const& f) {
    auto const g = *s.group();
    auto& gs = group(g);
    // Copies: an admin may change the settings while the plan's calls are under way.
    auto const acting = gs.acting;
    auto const window = gs.cfg.strike_window;
    auto user = s.user_id();
    spdlog::info("antiad: {} in {}: rule {} fired on \"{}\" (original \"{}\", normalised \"{}\")", user.str(), g.key(),
                 f.what.rule, f.what.matched, f.original, f.normalized);

    auto api = s.api();
    if (acting.mode == run_mode::on && !api) co_return;
    standing who;
    who.protected_member = protected_sender(s);
    if (acting.mode == run_mode::on)
        who.prior_strikes =
            static_cast<std::int64_t>(repo_.strikes(g.key(), user, seconds_now(s) - window.count()).size());
    abilities can{false, false, false};
    if (api) can = abilities{api->caps().recall, api->caps().mute, api->caps().kick};
    auto plan = plan_enforcement(acting, verdict{f.what.rule}, who, can);
    co_await carry_out(s, plan, f);
}

bot::task<bot::result<bot::id>> moderation::show(bot::session& s, enforcement_step const& st, std::string const& text) {
    switch (st.to) {
        case audience::member: {
            auto msg = bot::message().at(s.user_id(), s.user_name()).text(" " + text);
            co_return co_await s.send(msg);
        }
        case audience::admins:
        case audience::admins_or_group:
            co_await tell_admins(s, text, st.to == audience::admins_or_group);
            co_return bot::id();
        case audience::none:
            break;
    }
    co_return bot::id();
}

bot::task<> moderation::carry_out(bot::session& s, enforcement_plan const& p, finding const& f) {
    auto const g = *s.group();
    auto const user = s.user_id();
    auto const name = s.user_name();
    auto const why = reason(g, f.what.rule);
    auto api = s.api();
    std::vector<std::string> done;    // as the log names them, for the report
    std::vector<std::string> failed;  // words for admins
    std::vector<std::string> errors;  // the platform's reasons, in the same order

    for (auto const& st : p.steps) {
        switch (st.what) {
            case act::recall:
            case act::mute:
            case act::kick: {
                bot::status r = bot::error{bot::errc::not_connected, "no connection"};
                if (api && st.what == act::recall) {
                    auto mid = s.message_id();
                    r = co_await api->recall(mid);
                    if (r && f.earlier_message) {
                        // The first half of a split contact goes too.
                        auto earlier = *f.earlier_message;
                        auto r2 = co_await api->recall(earlier);
                        if (!r2) audit(s, user, "bot", "recall failed", f, r2.err().detail);
                    }
                } else if (api && st.what == act::mute) {
                    auto gid = g.group;
                    r = co_await api->mute(gid, user, st.duration);
                } else if (api) {
                    auto gid = g.group;
                    r = co_await api->kick(gid, user, false);
                }
                auto action = logged_name(st);
                if (!r) {
                    audit(s, user, "bot", action + " failed", f, r.err().detail);
                    failed.push_back(ctx_.render(g, word_key(st.what)));
                    errors.push_back(r.err().detail);
                    break;
                }
                audit(s, user, "bot", action, f);
                done.push_back(action);
                if (st.text.empty()) break;
                bot::text_args args{{"name", name}, {"reason", why}, {"strikes", p.strikes}};
                if (st.what == act::mute) args.emplace_back("duration", zh_duration(st.duration));
                co_await show(s, st, ctx_.render(g, st.text, args));
                break;
            }
            case act::strike:
                repo_.add_strike(g.key(), user, strike{0, f.what.rule, why, "bot", seconds_now(s)});
                break;
            case act::warn: {
                bot::text_args args{{"name", name}, {"reason", why}, {"strikes", p.strikes}};
                if (st.next) args.emplace_back("next", describe(*st.next, g));
                auto sent = co_await show(s, st, ctx_.render(g, st.text, args));
                if (sent) {
                    audit(s, user, "bot", "warn", f, p.strikes > 0 ? "strike " + std::to_string(p.strikes) : "");
                    done.push_back("warn");
                } else {
                    audit(s, user, "bot", "warn failed", f, sent.err().detail);
                }
                break;
            }
            case act::tell_cannot: {
                std::vector<std::string> words;
                for (auto a : st.lacking) words.push_back(ctx_.render(g, word_key(a)));
                auto list = join_list(words, "、");
                bot::text_args args{{"name", name}, {"user", user.str()}, {"actions", list}, {"reason", why}};
                audit(s, user, "bot", "degraded", f, list);
                co_await show(s, st, ctx_.render(g, st.text, args));
                break;
            }
            case act::tell_failures: {
                if (failed.empty()) break;
                bot::text_args args{{"name", name},
                                    {"user", user.str()},
                                    {"actions", join_list(failed, "、")},
                                    {"detail", join_list(errors, "；")},
                                    {"reason", why}};
                co_await show(s, st, ctx_.render(g, st.text, args));
                break;
            }
            case act::report: {
                auto list = join_list(done, ", ");
                bot::text_args args{{"group", g.group.str()}, {"name", name},
                                    {"user", user.str()},     {"rule", f.what.rule},
                                    {"reason", why},          {"text", f.what.matched},
                                    {"original", f.original}, {"actions", list.empty() ? std::string("-") : list}};
                audit(s, user, "bot", "report", f);
                co_await show(s, st, ctx_.render(g, st.text, args));
                break;
            }
            case act::dry_run: {
                auto would = st.would.str();
                bot::text_args args{{"name", name},  {"user", user.str()},     {"rule", f.what.rule},
                                    {"reason", why}, {"text", f.what.matched}, {"actions", would}};
                audit(s, user, "bot", "dry-run", f, would);
                co_await show(s, st, ctx_.render(g, st.text, args));
                break;
            }
        }
    }
}

}  // namespace plugins::antiad
