// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MailAddress.h"

#include <QRegularExpression>

namespace Keepsake {

namespace {

// RFC 5322 3.2.3 atext, and dot-atoms of it: no leading, trailing or doubled dot.
const QString AtomText = QStringLiteral("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]");
// A domain's labels: letters (any script, for internationalised names), digits and
// inner hyphens.
const QString Label = QStringLiteral("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

bool hasControl(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

} // namespace

QString MailAddress::problem(const QString &address)
{
    if (hasControl(address))
        return tr("\"%1\" is not an e-mail address: it holds a line break or another control character.")
            .arg(QString(address).replace(QLatin1Char('\r'), QStringLiteral("\\r")).replace(QLatin1Char('\n'), QStringLiteral("\\n")));
    static const QRegularExpression shape(QStringLiteral("^%1+(?:\\.%1+)*@%2(?:\\.%2)*$").arg(AtomText, Label),
                                          QRegularExpression::UseUnicodePropertiesOption);
    if (address.size() > 254 || address.section(QLatin1Char('@'), 0, 0).size() > 64 || !shape.match(address).hasMatch())
        return tr("\"%1\" is not an e-mail address: write it as name@example.com, without spaces or quotes.").arg(address);
    return {};
}

QString MailAddress::domain(const QString &address)
{
    QString domain = address.section(QLatin1Char('@'), 1).trimmed();
    domain.remove(QLatin1Char('>'));
    return domain;
}

} // namespace Keepsake
