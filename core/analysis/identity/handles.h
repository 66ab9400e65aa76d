// SPDX-License-Identifier: GPL-3.0-or-later
// User handles (usernames, Skype names) made comparable, and the test that decides whether one
// is distinctive enough to join accounts of two apps: "chloe.sk8.2010" is, "admin", "user1",
// "jessica" and "chloe2010" are not.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/util/error.h"

namespace vigil::analysis::identity {

// Trimmed, lower-cased (ASCII), without a leading '@'. "" for an empty handle.
std::string normalizeHandle(std::string_view raw);

// The words a handle must not be (alone, or with digits and separators around it): generic
// names ("admin", "user", "guest"), common words and common given names. Loaded from a list,
// one word a line, '#' starting a comment.
class GenericHandles {
public:
    static Result<GenericHandles> load(const std::filesystem::path &file);
    static GenericHandles fromWords(std::unordered_set<std::string> words);

    // At least 6 characters, at least 3 of them not digits or separators, a letter, no '@' or
    // white space, and neither the handle nor its stem (without leading/trailing digits and
    // separators . _ -) is a generic word. `handle` is normalised.
    bool isDistinctive(std::string_view handle) const;
    std::size_t size() const { return m_words.size(); }

private:
    std::unordered_set<std::string> m_words;
};

} // namespace vigil::analysis::identity
