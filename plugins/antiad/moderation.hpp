#pragma once
/// The plugin's running state and the glue between the rules and the chat: inspecting a message
/// through the layers, and carrying out the actions (recall, warn, mute, kick, report, dry-run).

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "bot/plugin_context.hpp"
#include "bot/recent_by_group.hpp"
#include "plugins/antiad/actions.hpp"
#include "plugins/antiad/behaviour.hpp"
#include "plugins/antiad/config.hpp"
#include "plugins/antiad/detect.hpp"
#include "plugins/antiad/enforcement.hpp"
#include "plugins/antiad/images.hpp"
#include "plugins/antiad/repository.hpp"
#include "plugins/antiad/similar.hpp"

namespace plugins::antiad {

/// The /metrics counter of what the plugin did to messages, labelled by rule and action.
inline constexpr char const* actions_metric = "qunbot_moderation_actions_total";

/// "10 分钟", "1 天": a duration in plain words for members.
std::string zh_duration(std::chrono::seconds d);

/// An admin, the owner, a superuser or the bot itself: never checked, never acted on.
bool protected_sender(bot::session const& s);

/// What one group's checks need, built once and rebuilt when its settings or lists change.
struct group_state {
    std::uint64_t generation = 0;
    std::uint64_t lists_version = 0;
    config cfg;
    std::shared_ptr<text_rules const> rules;
    allowlist allow;
    std::unique_ptr<admin_rules> admin;
    std::set<std::string> approved;        ///< encoded user IDs
    std::vector<std::uint64_t> ad_images;  ///< perceptual hashes of images admins marked as ads
    policy acting;                         ///< cfg's mode, actions and ladder, parsed
    std::set<std::string> passes;          ///< normalised texts admins cleared with /误判
    sample_set samples;                    ///< ads admins marked with /ad (and the global list when on)
};

/// A rule that fired on a message, with the texts the log keeps.
struct finding {
    hit what;
    std::string original;
    std::string normalized;
    std::int64_t incident = 0;  ///< set once the finding is acted on; its audit rows carry it
    /// The member's previous message, when the finding spans both (a contact split in two).
    std::optional<bot::id> earlier_message = std::nullopt;
};

/// A member's last text in a group, for contacts split over two messages.
struct last_text {
    std::string text;
    bot::id message;
    std::int64_t at = 0;
};

/// Whom a plan acts on: the sender of the session's message, or (for /ad) the member whose
/// message an admin replied to.
struct offender {
    bot::id user;
    std::string name;
    bot::id message;
};

/// A group message the bot saw lately, so that /ad can act on the message an admin replied to.
struct seen_message {
    bot::id id;
    bot::id user;
    std::string name;
    bot::message content;
};

class moderation {
public:
    explicit moderation(bot::plugin_context& ctx);

    /// The middleware: exempt members and clean messages go on; an ad is handled and stops here
    /// (in dry-run it is only reported and goes on).
    bot::task<> inspect(bot::session& s, bot::next_fn next);
    /// A member joined: their first messages get strict rules.
    void joined(bot::group_ref const& g, bot::id const& user, std::int64_t at);
    void left(bot::group_ref const& g, bot::id const& user);

    /// Plans what a finding calls for against the sender of the session's message, and carries it out.
    bot::task<> enforce(bot::session& s, finding const& f);
    /// Carries out a plan for the sender: each step in order, each written to the log with the
    /// finding's rule; a text is shown only for a step that succeeded, and failures go to the admins.
    bot::task<> carry_out(bot::session& s, enforcement_plan const& p, finding const& f);
    bot::task<> carry_out(bot::session& s, enforcement_plan const& p, finding const& f, offender const& who);
    /// Plans and carries out a finding against `who` (not the session's sender): /ad. Returns the
    /// incident it opened, 0 when nothing was planned.
    bot::task<std::int64_t> enforce_on(bot::session& s, finding const& f, offender const& who);

    /// A message of the group seen within the last `recent_per_group` messages, by its ID.
    std::optional<seen_message> recent(bot::group_ref const& g, bot::id const& message) const;
    /// Whether an admin taught the group that this exact normalised text is fine (/误判).
    bool learned_pass(group_state const& gs, bot::message const& m);
    /// The `similar` rule: a message close to an ad sample an admin marked with /ad.
    std::optional<finding> check_similar(group_state const& gs, bot::message const& m);
    /// Normalised compact text of a message, for learning and the learned checks.
    std::string compact_of(bot::message const& m);
    /// The spaced view of a text (words apart), what similarity to learned spam is measured on.
    static std::string spaced_of(std::string_view text);

    group_state& group(bot::group_ref const& g);
    /// An admin marked a message as an ad: its images are remembered (perceptual hashes) in the
    /// session's group so that the same or a similar image is caught next time. Returns how many of
    /// the message's images are now known (an image known already counts; no hash is stored twice).
    bot::task<std::size_t> learn_ad_images(bot::session& s, bot::message const& m);
    /// Forgets a known ad image (an undo); false when the group did not know it.
    bool forget_ad_image(bot::group_ref const& g, std::uint64_t hash);
    /// Drops cached lists for a group after an admin changed them.
    void lists_changed() { ++lists_version_; }
    repository& repo() { return repo_; }
    bot::plugin_context& ctx() { return ctx_; }
    image_scanner& images() { return images_; }

    /// Sends a notice to whoever should know: the report target, else the group itself.
    bot::task<> tell_admins(bot::session& s, std::string const& text, bool group_fallback);
    /// Like tell_admins; returns the IDs of the messages sent, so a reply to one finds its incident.
    bot::task<std::vector<bot::id>> notify_admins(bot::session& s, std::string const& text, bool group_fallback);
    /// "mute 10m" etc. in plain words for members.
    std::string describe(step const& st, bot::group_ref const& g) const;
    std::string reason(bot::group_ref const& g, std::string const& rule) const;
    void audit(bot::session& s, bot::id const& user, std::string const& actor, std::string const& action,
               finding const& f, std::string const& detail = {});
    void audit(std::string const& group, std::int64_t at, bot::id const& user, std::string const& actor,
               std::string const& action, finding const& f, std::string const& detail = {});

    static constexpr std::size_t recent_per_group = 200;
    static constexpr std::size_t recent_bytes = std::size_t{8} << 20;

private:
    void remember(bot::session const& s, bot::message const& m);
    /// What a remembered message holds, for the byte bound of recent_.
    static std::size_t seen_bytes(seen_message const& m);
    /// Loads what admins taught the group into its state.
    void load_learned(std::string const& key, group_state& gs);
    /// What a step's text became: the messages sent, or why the member's could not be.
    struct shown_step {
        std::vector<bot::id> ids;
        std::string error;
    };
    /// Sends a step's text to whom the plan says.
    bot::task<shown_step> show(bot::session& s, enforcement_step const& st, offender const& who,
                               std::string const& text);
    /// The layers on one message; a `command` is never a flood or a duplicate.
    std::optional<finding> check(bot::session& s, group_state& gs, bot::message const& m, bool strict, bool command);
    bool is_newcomer(std::string const& key, group_state const& gs, std::int64_t now);
    bot::task<std::optional<finding>> check_images(bot::session& s, bot::message const& m, bool strict);
    /// A rule on what one image showed, or nullopt; `where` names the image for the log.
    std::optional<finding> judge_image(group_state& gs, image_scan const& got, bot::message const& m,
                                       std::string const& where, bool strict);
    image_scanner::options scan_options(config const& cfg, bool ocr) const;

    bot::plugin_context& ctx_;
    repository repo_;
    behaviour behaviour_;
    image_scanner images_;
    normalized scratch_;  ///< reused by every check on the core thread; only read before a co_await
    std::map<std::string, std::shared_ptr<text_rules const>> compiled_;  ///< by keyword configuration
    std::unordered_map<std::string, group_state> groups_;
    std::unordered_map<std::string, newcomer> newcomers_;               ///< "group|user" → newcomer
    /// The last `recent_per_group` messages of each group, at most `recent_bytes` in all.
    bot::recent_by_group<seen_message> recent_;
    /// "group|user" → their last text message that passed, kept for `split_window` seconds. Bounded:
    /// entries older than the window are dropped when the map grows past `max_last_texts`.
    std::unordered_map<std::string, last_text> last_texts_;
    static constexpr std::int64_t split_window = 120;
    static constexpr std::size_t max_last_texts = 20000;
    /// When the full map was last swept (Unix seconds): at most once a second, since a sweep reads
    /// every entry, and a map full of recent texts would otherwise be read whole for each message.
    std::int64_t last_sweep_ = 0;
    std::uint64_t lists_version_ = 1;
    bool newcomers_loaded_ = false;
};

/// Sets the plugin up on `ctx` (config, tables, texts, middleware, commands) and returns the
/// moderation its middleware and commands share; tests reach the image memory through it.
std::shared_ptr<moderation> install(bot::plugin_context& ctx);

}  // namespace plugins::antiad
