#pragma once
/// Verification of newcomers as plain values: the question, checking an answer, what happens next.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plugins::welcome {

/// A question and the answers that pass it.
struct challenge {
    std::string question;
    std::vector<std::string> answers;
};

/// A small sum or difference ("7 + 5 = ?") chosen by `seed`, so the same seed gives the same question.
challenge arithmetic(std::uint64_t seed);
/// The group's own question with its accepted answers.
challenge fixed_question(std::string question, std::vector<std::string> answers);

/// Whether `answer` passes: spaces, case and full-width forms are ignored; a number must match exactly.
bool accepts(challenge const& c, std::string_view answer);

/// What one answer leads to.
enum class verdict { passed, retry, failed };

/// The outcome of an answer with `tries_left` tries before it (at least 1).
verdict judge(challenge const& c, std::string_view answer, int tries_left);

/// A stable seed from a group, a member and a time, so tests and restarts agree.
std::uint64_t seed_of(std::string_view group, std::string_view user, std::int64_t at);

/// The answers as stored ("\n"-separated) and back.
std::string join_answers(std::vector<std::string> const& answers);
std::vector<std::string> split_answers(std::string_view stored);

}  // namespace plugins::welcome
