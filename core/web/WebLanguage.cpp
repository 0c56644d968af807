// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebLanguage.h"

#include "base/Translations.h"

#include <QFile>
#include <QStringList>

namespace Keepsake {

namespace {

QString known(const QString &tag)
{
    const QString language = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).trimmed().toLower();
    return Translations::available().contains(language) ? language : QString();
}

} // namespace

QString WebLanguage::choose(const QString &person, const QString &asked, const QByteArray &acceptLanguage)
{
    if (const QString language = known(person); !language.isEmpty())
        return language;
    if (const QString language = known(asked); !language.isEmpty())
        return language;
    // "de-CH,de;q=0.9,en;q=0.8": the browser lists them in order of preference.
    const QStringList tags = QString::fromLatin1(acceptLanguage.left(256)).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &tag : tags) {
        if (const QString language = known(tag.section(QLatin1Char(';'), 0, 0)); !language.isEmpty())
            return language;
    }
    return QStringLiteral("en");
}

const QTranslator *WebLanguage::translator(const QString &language)
{
    const QString lang = language.isEmpty() ? QStringLiteral("en") : language;
    auto found = m_translators.find(lang);
    if (found == m_translators.end()) {
        auto translator = std::make_shared<QTranslator>();
        const QString file = QStringLiteral(":/i18n/keepsake_%1.qm").arg(lang);
        if (!QFile::exists(file) || !translator->load(file))
            translator.reset();
        found = m_translators.insert(lang, translator);
    }
    return found->get();
}

} // namespace Keepsake
