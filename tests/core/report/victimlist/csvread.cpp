// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/report/victimlist/csvread.h"

namespace vigil::test {

namespace {

class CsvParser
{
public:
    explicit CsvParser(const std::string &text) : m_text(text) {}

    std::optional<CsvRecords> parse(std::string &error)
    {
        while (m_pos < m_text.size()) {
            if (!record()) {
                error = m_error + " at byte " + std::to_string(m_pos);
                return std::nullopt;
            }
        }
        return m_records;
    }

private:
    bool fail(const std::string &why)
    {
        m_error = why;
        return false;
    }

    bool record()
    {
        std::vector<std::string> fields;
        for (;;) {
            std::string field;
            if (!(peek() == '"' ? quoted(field) : unquoted(field)))
                return false;
            fields.push_back(std::move(field));
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (m_text.compare(m_pos, 2, "\r\n") != 0)
                return fail("a record does not end with CRLF");
            m_pos += 2;
            m_records.push_back(std::move(fields));
            return true;
        }
    }

    bool quoted(std::string &field)
    {
        ++m_pos;
        for (;;) {
            if (m_pos >= m_text.size())
                return fail("a quoted field is not closed");
            const char c = m_text[m_pos++];
            if (c != '"') {
                field += c;
                continue;
            }
            if (peek() != '"')
                return true;
            field += '"';
            ++m_pos;
        }
    }

    bool unquoted(std::string &field)
    {
        while (m_pos < m_text.size() && peek() != ',' && peek() != '\r') {
            if (peek() == '"' || peek() == '\n')
                return fail("a quote or line feed in an unquoted field");
            field += m_text[m_pos++];
        }
        return true;
    }

    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    const std::string &m_text;
    std::size_t m_pos = 0;
    CsvRecords m_records;
    std::string m_error;
};

} // namespace

std::optional<CsvRecords> readCsv(const std::string &text, std::string &error)
{
    return CsvParser(text).parse(error);
}

} // namespace vigil::test
