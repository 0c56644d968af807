// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>

namespace Keepsake {

Translations::Translations() = default;

Translations::~Translations()
{
    remove();
}

void Translations::remove()
{
    if (m_keepsake)
        QCoreApplication::removeTranslator(m_keepsake.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_keepsake.reset();
    m_qt.reset();
}

bool Translations::install(const QString &language)
{
    remove();
    const QLocale locale(language);
    m_language = locale.name().section(QLatin1Char('_'), 0, 0);
    auto keepsake = std::make_unique<QTranslator>();
    const bool found = keepsake->load(locale, QStringLiteral("keepsake"), QStringLiteral("_"),
                                      QStringLiteral(":/i18n"));
    // A language Keepsake does not speak (or the C locale of scripts and cron) reads
    // the English source text, with English plural forms ("3 photos", not "photo(s)").
    if (found || keepsake->load(QStringLiteral("keepsake_en"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(keepsake.get());
        m_keepsake = std::move(keepsake);
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = std::move(qt);
    }
    return found || m_language == QLatin1String("en");
}

std::shared_ptr<QTranslator> Translations::forLanguage(const QString &language)
{
    // English too: keepsake_en.qm holds the English plural forms ("1 photo", "3 photos")
    // of the source texts' "%n photo(s)".
    QString lang = language.section(QLatin1Char('_'), 0, 0).toLower();
    if (lang.isEmpty())
        lang = QStringLiteral("en");
    auto translator = std::make_shared<QTranslator>();
    const QString file = QStringLiteral(":/i18n/keepsake_%1.qm").arg(lang);
    if (!QFile::exists(file) || !translator->load(file))
        return nullptr;
    return translator;
}

QStringList Translations::available()
{
    QStringList languages { QStringLiteral("en") };
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({ QStringLiteral("keepsake_*.qm") });
    for (const QString &file : files)
        languages.append(file.mid(9).section(QLatin1Char('.'), 0, 0));
    return languages;
}

} // namespace Keepsake
