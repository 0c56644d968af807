// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Translations end to end: the .qm files embedded in keepsake_core load for German
// and Japanese, core's texts come back translated in the context the code asks for
// (texts of free functions included), plurals pick the right form, and every
// message of the .ts files in the source tree is finished.
#include "TestConfig.h"
#include "base/Translations.h"
#include "catalog/Albums.h"
#include "metadata/ImageDecoder.h"
#include "retention/RetentionRules.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Keepsake;

class TranslationsTest : public QObject
{
    Q_OBJECT

private slots:
    void availableLanguages();
    void coreTexts_data();
    void coreTexts();
    void plurals_data();
    void plurals();
    void unknownLanguageFallsBackToEnglish();
    void keepsakectlSpeaksTheSystemLanguage_data();
    void keepsakectlSpeaksTheSystemLanguage();
    void everyMessageFinished_data();
    void everyMessageFinished();
};

void TranslationsTest::availableLanguages()
{
    const QStringList languages = Translations::available();
    QVERIFY2(languages.contains(QStringLiteral("de")), qPrintable(languages.join(QLatin1Char(' '))));
    QVERIFY2(languages.contains(QStringLiteral("ja")), qPrintable(languages.join(QLatin1Char(' '))));
}

void TranslationsTest::coreTexts_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expiredState");
    QTest::addColumn<QString>("videoRefusal");
    QTest::newRow("en") << "en" << "expired, waiting for its disc"
                        << "This is not a photo Keepsake accepts: the file is a video (MP4 or QuickTime).";
    QTest::newRow("de") << "de" << "abgelaufen, wartet auf seine Disc"
                        << "Das ist kein Foto, das Keepsake annimmt: die Datei ist ein Video (MP4 oder QuickTime).";
    QTest::newRow("de_DE") << "de_DE" << "abgelaufen, wartet auf seine Disc"
                           << "Das ist kein Foto, das Keepsake annimmt: die Datei ist ein Video (MP4 oder QuickTime).";
    QTest::newRow("ja") << "ja" << "期限切れ・ディスク待ち"
                        << "Keepsake で受け付けられる写真ではありません: ファイルは動画です（MP4 または QuickTime）。";
}

// albumStateText() and the decoder's refusal are free functions translating through
// a file-local context: before the context fix lupdate filed them under "Keepsake".
void TranslationsTest::coreTexts()
{
    QFETCH(QString, language);
    QFETCH(QString, expiredState);
    QFETCH(QString, videoRefusal);
    Translations translations;
    QVERIFY(translations.install(language));
    QCOMPARE(translations.language(), language.left(2));
    QCOMPARE(albumStateText(AlbumState::Expired), expiredState);

    QByteArray mp4(32, '\0');
    mp4.replace(4, 8, "ftypisom");
    const DecodedImage decoded = ImageDecoder().decode(mp4, 256);
    QCOMPARE(decoded.reason, videoRefusal);
}

void TranslationsTest::plurals_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("text");
    QTest::newRow("en 1") << "en" << 1 << "1 day after hand-in";
    QTest::newRow("en 90") << "en" << 90 << "90 days after hand-in";
    QTest::newRow("de 1") << "de" << 1 << "1 Tag nach der Abgabe";
    QTest::newRow("de 90") << "de" << 90 << "90 Tage nach der Abgabe";
    QTest::newRow("ja 90") << "ja" << 90 << "受付から 90 日";
}

void TranslationsTest::plurals()
{
    QFETCH(QString, language);
    QFETCH(int, days);
    QFETCH(QString, text);
    Translations translations;
    QVERIFY(translations.install(language));
    RetentionRule rule;
    rule.basis = RetentionRule::Basis::HandIn;
    rule.keepDays = days;
    QCOMPARE(RetentionRules::describe(rule), text);
}

void TranslationsTest::unknownLanguageFallsBackToEnglish()
{
    Translations translations;
    translations.install(QStringLiteral("sv"));
    QCOMPARE(albumStateText(AlbumState::Active), QStringLiteral("active"));
}

void TranslationsTest::keepsakectlSpeaksTheSystemLanguage_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("usage");
    QTest::newRow("C") << "C.UTF-8" << "Usage: keepsakectl";
    QTest::newRow("de_DE") << "de_DE.UTF-8" << "Aufruf: keepsakectl";
    QTest::newRow("ja_JP") << "ja_JP.UTF-8" << "使い方: keepsakectl";
}

// keepsakectl installs the translations of the system locale (LANG) at start.
void TranslationsTest::keepsakectlSpeaksTheSystemLanguage()
{
    QFETCH(QString, lang);
    QFETCH(QString, usage);
    const QString keepsakectl = qEnvironmentVariable("KEEPSAKECTL");
    QVERIFY2(!keepsakectl.isEmpty() && QFile::exists(keepsakectl),
             "KEEPSAKECTL must name the built keepsakectl (CTest sets it)");
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LC_ALL"));
    env.remove(QStringLiteral("LC_MESSAGES"));
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("LANG"), lang);
    process.setProcessEnvironment(env);
    process.start(keepsakectl, { QStringLiteral("--help") });
    QVERIFY(process.waitForFinished(60000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.startsWith(usage), qPrintable(out.left(200)));
}

void TranslationsTest::everyMessageFinished_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("pluralsOnly");
    const QString dir = QStringLiteral(KEEPSAKE_TEST_SOURCE_DIR "/translations/");
    QTest::newRow("de") << dir + QStringLiteral("keepsake_de.ts") << false;
    QTest::newRow("ja") << dir + QStringLiteral("keepsake_ja.ts") << false;
    // English is the source text; keepsake_en.ts only has to spell out the plurals.
    QTest::newRow("en") << dir + QStringLiteral("keepsake_en.ts") << true;
}

void TranslationsTest::everyMessageFinished()
{
    QFETCH(QString, file);
    QFETCH(bool, pluralsOnly);
    QFile ts(file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader xml(&ts);
    QString context, source;
    bool numerus = false;
    int messages = 0;
    QStringList unfinished;
    static const QRegularExpression placeholder(QStringLiteral("%(?:\\d+|n)"));
    auto placeholders = [](const QString &text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured();
        found.removeDuplicates();
        found.sort();
        return found;
    };
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            ++messages;
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const bool finished = xml.attributes().value(QLatin1String("type")).isEmpty();
            QStringList forms;
            if (numerus) {
                while (xml.readNextStartElement())
                    forms << xml.readElementText();
            } else {
                forms << xml.readElementText();
            }
            if (pluralsOnly && !numerus)
                continue;
            const QString where = context + QLatin1String(": ") + source.left(60);
            if (!finished || forms.contains(QString()))
                unfinished << where;
            for (const QString &form : std::as_const(forms)) {
                if (!form.isEmpty() && placeholders(form) != placeholders(source))
                    unfinished << where + QLatin1String(" (placeholders differ: ") + form.left(60) + QLatin1Char(')');
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 500);
    QVERIFY2(unfinished.isEmpty(), qPrintable(QString::number(unfinished.size()) + QLatin1String(" unfinished:\n")
                                              + unfinished.mid(0, 40).join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "tst_translations.moc"
