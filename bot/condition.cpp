#include "bot/condition.hpp"

#include <cctype>
#include <stdexcept>

#include "bot/core.hpp"
#include "bot/session.hpp"

namespace bot {

condition operator&&(condition const& a, condition const& b) {
    return condition("(" + a.describe() + " && " + b.describe() + ")",
                     [a, b](session const& s) { return a(s) && b(s); });
}

condition operator||(condition const& a, condition const& b) {
    return condition("(" + a.describe() + " || " + b.describe() + ")",
                     [a, b](session const& s) { return a(s) || b(s); });
}

condition operator!(condition const& a) {
    return condition("!" + a.describe(), [a](session const& s) { return !a(s); });
}

namespace rule {
condition const always("always", [](session const&) { return true; });
condition const in_group("in_group", [](session const& s) { return s.in_group(); });
condition const in_private("in_private", [](session const& s) { return s.ev().is<ev::private_message>(); });
condition const to_me("to_me", [](session const& s) { return s.to_me(); });
}  // namespace rule

namespace perm {
condition const member("member", [](session const&) { return true; });
condition const group_admin("group_admin", [](session const& s) { return s.in_group() && s.role() != role::member; });
condition const group_owner("group_owner", [](session const& s) { return s.in_group() && s.role() == role::owner; });
condition const superuser("superuser", [](session const& s) { return s.is_superuser(); });
condition const admin("admin", [](session const& s) { return group_admin(s) || superuser(s); });
condition const moderator("moderator", [](session const& s) {
    return admin(s) || (s.in_group() && s.bot().holds_role(*s.group(), s.user_id(), moderator_role));
});
}  // namespace perm

namespace {

/// A small recursive-descent parser: expr := term ('||' term)*; term := factor ('&&' factor)*;
/// factor := '!' factor | '(' expr ')' | name.
class permission_parser {
public:
    explicit permission_parser(std::string_view text) : text_(text) {}

    condition parse() {
        auto c = expr();
        skip_space();
        if (pos_ != text_.size()) fail("&&, || or the end, not \"" + std::string(text_.substr(pos_)) + "\"");
        return c;
    }

private:
    condition expr() {
        auto c = term();
        while (eat("||")) c = c || term();
        return c;
    }
    condition term() {
        auto c = factor();
        while (eat("&&")) c = c && factor();
        return c;
    }
    condition factor() {
        if (eat("!")) return !factor();
        if (eat("(")) {
            auto c = expr();
            if (!eat(")")) fail("a closing parenthesis");
            return c;
        }
        skip_space();
        auto start = pos_;
        while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
            ++pos_;
        auto name = text_.substr(start, pos_ - start);
        if (name == "member" || name == "everyone") return perm::member;
        if (name == "group_admin") return perm::group_admin;
        if (name == "group_owner") return perm::group_owner;
        if (name == "superuser") return perm::superuser;
        if (name == "admin") return perm::admin;
        if (name == "moderator") return perm::moderator;
        fail(name.empty() ? "a permission name" : "a permission name, not \"" + std::string(name) + "\"");
    }
    void skip_space() {
        while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    }
    bool eat(std::string_view token) {
        skip_space();
        if (text_.substr(pos_).starts_with(token)) {
            pos_ += token.size();
            return true;
        }
        return false;
    }
    [[noreturn]] void fail(std::string const& what) {
        throw std::invalid_argument("expected " + what +
                                    " (permissions: member, group_admin, group_owner, superuser, admin, moderator; "
                                    "combine with && || ! and parentheses)");
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace

condition parse_permission(std::string_view expr) { return permission_parser(expr).parse(); }

}  // namespace bot
