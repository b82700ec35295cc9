#pragma once
/// Ads like the ones admins marked: token count vectors compared by cosine similarity, the way
/// tg-spam compares a message with its spam samples. Pure values; no session, no database.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plugins::antiad {

/// Token → count. Latin words lower-cased, CJK as character bigrams, each digit run as "#".
using token_counts = std::unordered_map<std::string, double>;

/// The tokens of a normalised compact text ("加我微信abc12345"): runs of Latin letters are words,
/// runs of digits collapse to one "#" token, runs of CJK characters give their bigrams (a lone
/// character gives itself); anything else separates.
token_counts tokenize(std::string_view compact);

/// How many characters a text has for the minimum length checks.
std::size_t text_length(std::string_view compact);

/// The cosine similarity of two count vectors, 0..1; 0 when either is empty.
double cosine(token_counts const& a, token_counts const& b);

/// The samples one group compares messages with, each vectorised once when the set is built.
class sample_set {
public:
    struct sample {
        std::int64_t id = 0;
        std::string original;  ///< as the member wrote it, for quoting
        token_counts tokens;
        double norm = 0;
    };
    struct match {
        std::int64_t id = 0;
        std::string original;
        double score = 0;
    };

    void add(std::int64_t id, std::string_view normalized, std::string original);
    bool empty() const { return samples_.empty(); }
    std::size_t size() const { return samples_.size(); }
    /// The most similar sample at or above `threshold`, if any.
    std::optional<match> best(std::string_view normalized, double threshold) const;

private:
    std::vector<sample> samples_;
};

}  // namespace plugins::antiad
