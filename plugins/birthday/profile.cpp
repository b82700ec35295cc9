// Birthdays from intake profiles: the welcome plugin raises bot::profile_saved when it saves a
// member's profile; a field labelled profile_field that reads as a birthday is recorded in the
// group it was told in, in the same transaction. What a member typed with /birthday wins.
#include "bot/display.hpp"
#include "bot/profile_notice.hpp"
#include "plugins/birthday/glue.hpp"

namespace plugins::birthday {

namespace {

void take(state& st, bot::profile_saved const& e) {
    // A profile told in private stays out of every group: a group knows only what was said in it.
    if (e.group_key.empty()) return;
    auto g = st.ctx.find_group(e.group_key);
    if (!g) return;
    auto field = st.cfg(*g).profile_field;
    if (field.empty()) return;
    for (auto const& [label, value] : e.fields) {
        if (label != field) continue;
        auto existing = st.repo.find(e.group_key, e.user);
        if (existing && existing->source != "profile") return;
        if (value.empty()) {
            if (existing) st.repo.remove(e.group_key, e.user);
            return;
        }
        // A value that is not a birthday ("保密", "春天") is left alone: the profile keeps it.
        auto parsed = parse_birthday(value, st.today(*g));
        if (!parsed.ok()) return;
        auto at = st.ctx.clock().now().time_since_epoch().count();
        st.repo.put(e.group_key, e.user, bot::shown_name(e.name), parsed.date, "profile", at);
        return;
    }
}

}  // namespace

void register_profile_feed(state_ptr const& st) {
    st->ctx.listen<bot::profile_saved>([st](bot::profile_saved& e) { take(*st, e); });
}

}  // namespace plugins::birthday
