// Profile fields from intake profiles: the welcome plugin raises bot::profile_saved when it saves
// a member's profile; the fields this group matches on (match_fields, mix_fields) are copied in the
// same transaction, for the group the profile was told in.
#include <algorithm>

#include "bot/display.hpp"
#include "bot/profile_notice.hpp"
#include "plugins/pairs/glue.hpp"

namespace plugins::pairs {

namespace {

/// Values are compared, and shown only in the console: one line, capped.
constexpr std::size_t value_limit = 40;

void take(state& st, bot::profile_saved const& e) {
    // A profile told in private stays out of every group: a group knows only what was said in it.
    if (e.group_key.empty()) return;
    auto g = st.ctx.find_group(e.group_key);
    if (!g) return;
    auto cfg = st.cfg(*g);
    auto wanted = [&](std::string const& label) {
        return std::count(cfg.match_fields.begin(), cfg.match_fields.end(), label) > 0 ||
               std::count(cfg.mix_fields.begin(), cfg.mix_fields.end(), label) > 0;
    };
    for (auto const& [label, value] : e.fields)
        if (wanted(label))
            st.repo.put_profile(e.group_key, e.user, label, value.empty() ? "" : bot::shown_name(value, value_limit));
}

}  // namespace

void register_profile_feed(state_ptr const& st) {
    st->ctx.listen<bot::profile_saved>([st](bot::profile_saved& e) { take(*st, e); });
}

}  // namespace plugins::pairs
