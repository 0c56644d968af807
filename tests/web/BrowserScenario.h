// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs one browser scenario of tests/web (an ES module driving Debian's Chromium with
// playwright-core) with node, and reads its one JSON line of results. A scenario that
// waits for the test (it prints {"event": "ready"}) gets its go-ahead on stdin once the
// test has done its part (an expiry sweep, say). What is missing to run them at all
// (node, playwright-core, chromium) is a failure with the reason, never a skip.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <functional>

namespace Keepsake::Test {

struct BrowserRun
{
    int code = -1;
    QJsonObject result;
    QByteArray out;
    QString err;

    bool ok() const { return code == 0 && result.value(QStringLiteral("ok")).toBool(); }
    QString why() const
    {
        return QStringLiteral("scenario exit %1 at step \"%2\": %3\nstdout: %4\nstderr: %5")
            .arg(code)
            .arg(result.value(QStringLiteral("step")).toString(), result.value(QStringLiteral("error")).toString(),
                 QString::fromUtf8(out.right(3000)), err.right(3000));
    }
};

class BrowserScenarios
{
public:
    static QString scriptsDir() { return QStringLiteral(KEEPSAKE_WEB_SCRIPTS); }
    static QString node()
    {
        const QString fromEnv = qEnvironmentVariable("KEEPSAKE_NODE");
        return fromEnv.isEmpty() ? QStringLiteral(KEEPSAKE_NODE) : fromEnv;
    }
    static QString chromium()
    {
        const QString fromEnv = qEnvironmentVariable("KEEPSAKE_CHROMIUM");
        return fromEnv.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnv;
    }

    // Empty when the scenarios can run; else what is missing and how to get it.
    static QString missing()
    {
        QProcess version;
        version.start(node(), { QStringLiteral("--version") });
        if (!version.waitForFinished(30000) || version.exitCode() != 0)
            return QStringLiteral("node (%1) does not run: install Node.js 20 or later (Debian: apt-get install nodejs npm)")
                .arg(node());
        const int major = QString::fromUtf8(version.readAllStandardOutput()).mid(1).section(QLatin1Char('.'), 0, 0).toInt();
        if (major < 20)
            return QStringLiteral("node %1 is too old: playwright-core needs Node.js 20 or later").arg(major);
        if (!QFileInfo::exists(scriptsDir() + QStringLiteral("/node_modules/playwright-core/package.json")))
            return QStringLiteral("playwright-core is not installed in %1: run `npm ci --no-audit --no-fund` there "
                                  "(CTest's web_npm_ci does it)").arg(scriptsDir());
        if (!QFileInfo(chromium()).isExecutable())
            return QStringLiteral("%1 is missing: apt-get install chromium").arg(chromium());
        return {};
    }

    // The base64 SHA-256 of a certificate's public key (SubjectPublicKeyInfo), as
    // Chromium's --ignore-certificate-errors-spki-list takes it; computed by openssl.
    static QString spkiHash(const QString &certificate)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("/bin/sh"),
                      { QStringLiteral("-c"),
                        QStringLiteral("openssl x509 -in \"$1\" -pubkey -noout | openssl pkey -pubin -outform der "
                                       "| openssl dgst -sha256 -binary | base64"),
                        QStringLiteral("sh"), certificate });
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            return {};
        return QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
    }

    BrowserScenarios(QString url, QString spki, QString out) : m_url(std::move(url)), m_spki(std::move(spki)), m_out(std::move(out)) { }

    // Runs SCRIPT with the given variables; onReady runs when the scenario says it is
    // ready, and the scenario then gets "go".
    BrowserRun run(const QString &script, const QHash<QString, QString> &variables,
                   const std::function<void()> &onReady = {}) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("KEEPSAKE_WEB_URL"), m_url);
        environment.insert(QStringLiteral("KEEPSAKE_WEB_SPKI"), m_spki);
        environment.insert(QStringLiteral("KEEPSAKE_CHROMIUM"), chromium());
        environment.insert(QStringLiteral("WEB_OUT"), m_out);
        for (auto it = variables.cbegin(); it != variables.cend(); ++it)
            environment.insert(it.key(), it.value());
        QProcess process;
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(scriptsDir());
        process.start(node(), { QDir(scriptsDir()).filePath(script) });
        BrowserRun run;
        if (!process.waitForStarted(30000)) {
            run.err = process.errorString();
            return run;
        }
        bool told = false;
        const bool ended = QTest::qWaitFor([&] {
            run.out += process.readAllStandardOutput();
            if (!told && run.out.contains("{\"event\":\"ready\"}")) {
                told = true;
                if (onReady)
                    onReady();
                process.write("go\n");
            }
            return process.state() == QProcess::NotRunning;
        }, 300000);
        if (!ended) {
            process.kill();
            process.waitForFinished();
        }
        run.out += process.readAllStandardOutput();
        run.err = QString::fromUtf8(process.readAllStandardError());
        run.code = ended && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        const QList<QByteArray> lines = run.out.trimmed().split('\n');
        run.result = QJsonDocument::fromJson(lines.value(lines.size() - 1)).object();
        if (!qEnvironmentVariableIsEmpty("KEEPSAKE_WEB_KEEP"))
            qInfo().noquote() << script << QString::fromUtf8(lines.value(lines.size() - 1));
        return run;
    }

private:
    QString m_url;
    QString m_spki;
    QString m_out;
};

} // namespace Keepsake::Test
