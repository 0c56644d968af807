// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Devices of a chain for the network tests: data folders made devices with keepsakectl
// device init, served by keepsakectl serve on free loopback ports, on one catalog
// (SQLite, or a fresh PostgreSQL database as tst_network_postgres); a TCP relay
// that cuts a connection after a number of bytes, to show resuming; and one the test
// takes down and brings back, to cut a device off for a while. TwoDeviceTest is the
// set-up tst_network and tst_forwardqueue share.
#pragma once

#include "TestSupport.h"
#include "store/Sha256.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>
#include <sys/prctl.h>

namespace Keepsake::Test {

struct CtlRun
{
    int code = -1;
    QByteArray out;
    QString err;

    QList<QJsonObject> records() const
    {
        QList<QJsonObject> list;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (!object.isEmpty() && !object.contains(QStringLiteral("summary")))
                list.append(object);
        }
        return list;
    }
    QJsonObject summary() const
    {
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (object.contains(QStringLiteral("summary")))
                return object.value(QStringLiteral("summary")).toObject();
        }
        return {};
    }
    QJsonObject first() const { return records().value(0); }
    QString why() const { return QStringLiteral("exit %1: %2 %3").arg(code).arg(QString::fromUtf8(out), err); }
};

inline QString keepsakectl() { return qEnvironmentVariable("KEEPSAKECTL"); }

inline CtlRun ctl(const QStringList &args)
{
    QProcess process;
    process.start(keepsakectl(), args);
    if (!process.waitForStarted(30000) || !process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return { -1, {}, QStringLiteral("keepsakectl did not run or finish") };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
             QString::fromUtf8(process.readAllStandardError()) };
}

// keepsakectl with its clock moved by `offset` as faketime takes it ("-20d": twenty
// days ago; package faketime): a hand-in of the past. File times stay true (NO_FAKE_STAT).
inline CtlRun ctlShifted(const QString &offset, const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NO_FAKE_STAT"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("faketime"), QStringList { QStringLiteral("-f"), offset, keepsakectl() } + args);
    if (!process.waitForStarted(30000) || !process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
        return { -1, {}, QStringLiteral("faketime keepsakectl did not run or finish (is the package faketime installed?)") };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
             QString::fromUtf8(process.readAllStandardError()) };
}

// The same, with this process's event loop turning meanwhile (for a relay it serves).
inline CtlRun ctlBeside(const QStringList &args)
{
    QProcess process;
    process.start(keepsakectl(), args);
    if (!process.waitForStarted(30000))
        return { -1, {}, QStringLiteral("keepsakectl did not start") };
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 300000)) {
        process.kill();
        process.waitForFinished();
        return { -1, {}, QStringLiteral("keepsakectl did not finish within 5 minutes") };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
             QString::fromUtf8(process.readAllStandardError()) };
}

// A keepsakectl running beside the test (a `burn --station` that waits for its job):
// its output read as it comes; killed if still running when it goes.
class RunningCtl
{
public:
    explicit RunningCtl(const QStringList &args) { m_process.start(keepsakectl(), args); }
    ~RunningCtl() { kill(); }
    RunningCtl(const RunningCtl &) = delete;
    RunningCtl &operator=(const RunningCtl &) = delete;

    bool ended() const { return m_process.state() == QProcess::NotRunning; }
    bool waitEnded(int ms) { return QTest::qWaitFor([this] { return ended(); }, ms); }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    // What it printed so far; its exit code once ended (-1 before, or when killed).
    CtlRun result()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += QString::fromUtf8(m_process.readAllStandardError());
        const bool exited = ended() && m_process.exitStatus() == QProcess::NormalExit;
        return { exited ? m_process.exitCode() : -1, m_out, m_err };
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QString m_err;
};

inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// One device: its data folder, its serve process and its port.
class ChainDevice
{
public:
    ChainDevice(QString name, QString dataDir, QString catalog)
        : name(std::move(name)), dataDir(std::move(dataDir)), catalog(std::move(catalog)), port(freePort())
    {
    }
    ~ChainDevice() { stop(); }

    QStringList local(const QStringList &args) const
    {
        return QStringList { QStringLiteral("--data-dir"), dataDir, QStringLiteral("--catalog"), catalog,
                             QStringLiteral("--json") } + args;
    }
    CtlRun run(const QStringList &args) const { return ctl(local(args)); }
    CtlRun runShifted(const QString &offset, const QStringList &args) const { return ctlShifted(offset, local(args)); }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(port); }

    bool init()
    {
        const CtlRun made = run({ QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), name,
                                  QStringLiteral("--url"), url() });
        fingerprint = made.first().value(QStringLiteral("fingerprint")).toString();
        return made.code == 0 && fingerprint.size() == 64;
    }

    // serve, until it says it serves ({"serving": …} in its log) and answers GET /health.
    bool start()
    {
        const QString log = dataDir + QStringLiteral(".serve.log");
        const qint64 logged = QFileInfo(log).size();   // the log goes on across restarts
        process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(log, QIODevice::Append);
        if (!environment.isEmpty())
            process->setProcessEnvironment(environment);
        // A test killed by its watchdog takes its devices with it, rather than leave them serving.
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        process->start(keepsakectl(), local({ QStringLiteral("serve"), QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1:%1").arg(listenPort ? listenPort : port),
                                              QStringLiteral("--interval"), QStringLiteral("5") }));
        if (!process->waitForStarted(30000))
            return false;
        const bool serving = QTest::qWaitFor([this, &log, logged] {
            QFile file(log);
            return process->state() != QProcess::Running
                || (file.open(QIODevice::ReadOnly) && file.seek(logged) && file.readAll().contains("\"serving\":"));
        }, 30000);
        if (!serving || process->state() != QProcess::Running)
            return false;
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url() + QStringLiteral("/health"))));
        QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        const bool answered = QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
        const bool healthy = answered && reply->error() == QNetworkReply::NoError;
        reply->deleteLater();
        return healthy;
    }

    // SIGTERM, and wait until it is gone.
    bool stop()
    {
        if (!process || process->state() == QProcess::NotRunning)
            return true;
        process->terminate();
        const bool stopped = process->waitForFinished(30000);
        if (!stopped) {
            process->kill();
            process->waitForFinished();
        }
        return stopped;
    }

    // SIGKILL, as a power cut would: nothing of it gets to clean up.
    bool kill()
    {
        if (!process || process->state() == QProcess::NotRunning)
            return true;
        process->kill();
        return process->waitForFinished(30000);
    }

    QString name;
    QString dataDir;
    QString catalog;
    quint16 port;              // in its URL
    quint16 listenPort = 0;    // where it listens, when not there (behind a relay)
    QProcessEnvironment environment;   // serve's, when not the test's own
    QString fingerprint;
    std::unique_ptr<QProcess> process;
};

// Hashes of every regular file under a device's data folder.
inline QSet<QString> heldBy(const ChainDevice &device)
{
    QSet<QString> hashes;
    QDirIterator it(device.dataDir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const Result<QString> sha = Sha256::ofFile(it.next());
        if (sha)
            hashes.insert(*sha);
    }
    return hashes;
}

// The customer's photos as `photos --json` lists them on a device.
inline QList<QJsonObject> photosOn(const ChainDevice &device, const QString &customer)
{
    QList<QJsonObject> photos;
    for (const QJsonObject &album : device.run({ QStringLiteral("albums"), QStringLiteral("--customer"), customer }).records()) {
        const QString id = QString::number(album.value(QStringLiteral("id")).toInteger());
        photos += device.run({ QStringLiteral("photos"), QStringLiteral("--album"), id }).records();
    }
    return photos;
}

// Whether the device's forward queue is empty within two minutes.
inline bool drainedAt(const ChainDevice &device)
{
    return QTest::qWaitFor([&device] { return device.run({ QStringLiteral("queue") }).records().isEmpty(); }, 120000);
}

// How many files of a corpus folder differ in their bytes.
inline int uniqueCorpusFiles(const QString &folder)
{
    QSet<QByteArray> hashes;
    for (const QString &file : corpusFiles(folder)) {
        QFile f(corpusPath(file));
        if (f.open(QIODevice::ReadOnly))
            hashes.insert(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256));
    }
    return int(hashes.size());
}

// What the chain's test classes share: S1 and S2 on one catalog (SQLite, or
// PostgreSQL for a _postgres test) in a folder of their own, both serving, S1's
// counter terminal K1 paired, a client through S1, and how to look at where the
// photos went.
class TwoDeviceTest : public QObject
{
protected:
    bool startChain()
    {
        if (!m_dir.isValid())
            return false;
        const QString catalog = testCatalogUrl(m_dir.path());
        m_s1 = std::make_unique<ChainDevice>(QStringLiteral("S1"), m_dir.filePath(QStringLiteral("s1")), catalog);
        m_s2 = std::make_unique<ChainDevice>(QStringLiteral("S2"), m_dir.filePath(QStringLiteral("s2")), catalog);
        if (!m_s1->init() || !m_s2->init() || !m_s1->start() || !m_s2->start())
            return false;
        m_token = m_s1->run({ QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1"),
                              QStringLiteral("--kind"), QStringLiteral("counter") })
                      .first().value(QStringLiteral("token")).toString();
        return !m_token.isEmpty();
    }
    bool stopChain() const
    {
        const bool first = !m_s1 || m_s1->stop();
        return (!m_s2 || m_s2->stop()) && first;
    }
    // keepsakectl in client mode through S1 as K1: at its port, or at a relay's in front of it.
    QStringList client(const QStringList &args, quint16 port = 0) const
    {
        return QStringList { QStringLiteral("--json"), QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("kiosk")),
                             QStringLiteral("--device"), QStringLiteral("https://127.0.0.1:%1").arg(port ? port : m_s1->port),
                             QStringLiteral("--fingerprint"), m_s1->fingerprint, QStringLiteral("--token"), m_token } + args;
    }
    // The customer's photos as S2 lists them: the same on every device of the catalog.
    QList<QJsonObject> photosOf(const QString &customer) const { return photosOn(*m_s2, customer); }
    bool drained() const { return drainedAt(*m_s1); }

    QTemporaryDir m_dir;
    std::unique_ptr<ChainDevice> m_s1;
    std::unique_ptr<ChainDevice> m_s2;
    QString m_token;   // counter terminal K1 on S1
};

// Relays loopback TCP to a device; the first connection that carries more than
// cutAfter bytes from the client is cut (both ends closed), later ones pass whole.
class CuttingRelay : public QObject
{
public:
    CuttingRelay(quint16 target, qint64 cutAfter) : m_target(target), m_cutAfter(cutAfter)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, &CuttingRelay::accept);
    }
    quint16 port() const { return m_server.serverPort(); }
    bool cut() const { return m_cut; }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
            QObject::connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream] {
                const QByteArray bytes = client->readAll();
                m_relayed += bytes.size();
                if (!m_cut && m_relayed > m_cutAfter) {
                    m_cut = true;
                    client->abort();
                    upstream->abort();
                    return;
                }
                upstream->write(bytes);
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            QObject::connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        }
    }

    QTcpServer m_server;
    quint16 m_target;
    qint64 m_cutAfter;
    qint64 m_relayed = 0;
    bool m_cut = false;
};

// Relays loopback TCP from a port (a device's URL) to the port the device listens on.
// setDown(true) cuts every connection and closes the port, so that new connections
// are refused; setDown(false) listens on the same port again. A connection the
// device refuses is closed at once. It relays only while the test's event loop turns
// (ctlBeside, QTRY_*, QTest::qWaitFor).
class SwitchableRelay : public QObject
{
public:
    SwitchableRelay(quint16 port, quint16 target) : m_port(port), m_target(target)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, &SwitchableRelay::accept);
    }
    quint16 port() const { return m_port; }

    bool setDown(bool down)
    {
        if (!down)
            return m_server.isListening() || m_server.listen(QHostAddress::LocalHost, m_port);
        m_server.close();
        const QList<QTcpSocket *> open = m_connections.findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *client : open) {
            client->setParent(nullptr);
            for (QTcpSocket *upstream : client->findChildren<QTcpSocket *>())
                upstream->abort();
            client->abort();
            client->deleteLater();
        }
        return true;
    }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            client->setParent(&m_connections);
            auto *upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
            QObject::connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
            QObject::connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(upstream, &QTcpSocket::errorOccurred, client, [client](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::ConnectionRefusedError)
                    client->abort();
            });
            QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            QObject::connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        }
    }

    QTcpServer m_server;
    QObject m_connections;
    quint16 m_port;
    quint16 m_target;
};

} // namespace Keepsake::Test
