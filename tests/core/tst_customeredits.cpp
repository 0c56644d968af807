// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Customers added and changed as the counter does it (issue 17): only the lab adds
// one, with its audit entry (a PIN never in it) and its plan; a PIN set anew signs in
// and the old one no longer does; what is wrong is said per field.
#include "ExpiryFixture.h"
#include "base/Actor.h"
#include "catalog/CustomerEdits.h"
#include "catalog/PinHash.h"
#include "catalog/PinLockout.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCustomerEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void addOnlyByTheLab_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("clerk") << int(Actor::Kind::Clerk) << true;
        QTest::newRow("system") << int(Actor::Kind::System) << true;
        QTest::newRow("customer") << int(Actor::Kind::Customer) << false;
        QTest::newRow("viewer") << int(Actor::Kind::Viewer) << false;
        QTest::newRow("device") << int(Actor::Kind::Device) << false;
    }

    void addOnlyByTheLab()
    {
        QFETCH(int, kind);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const Actor actor = actorOf(Actor::Kind(kind), c1);
        const CustomerEdits edits(t.lab->catalog(), t.clock);
        const NewCustomer anna { QStringLiteral("A7"), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.org"),
                                 QStringLiteral("0301234"), QStringLiteral("de"), QStringLiteral("2468") };
        const Result<Customer> added = edits.add(actor, anna, QStringLiteral("standard 90 DAYS"));
        QCOMPARE(added.ok(), allowed);
        if (!allowed) {
            QCOMPARE(added.error().kind(), Error::Kind::Refused);
            QVERIFY(added.error().message().contains(QStringLiteral("A7")));
            QVERIFY(!Customers(t.lab->catalog()).byCode(QStringLiteral("A7")));
            return;
        }
        QCOMPARE(added->code, QStringLiteral("A7"));
        QCOMPARE(added->email, QStringLiteral("anna@example.org"));
        QCOMPARE(added->language, QStringLiteral("de"));
        QCOMPARE(added->planRule, QStringLiteral("Standard 90 days"));
        QVERIFY(added->hasPin);
        const QString details = t.scalar(QStringLiteral("SELECT details FROM audit WHERE action = 'customer_add' "
                                                        "AND customer_id = %1 AND actor = '%2'").arg(added->id).arg(actor.auditText()));
        const QJsonObject json = QJsonDocument::fromJson(details.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("name")).toString(), QStringLiteral("Anna Berg"));
        QCOMPARE(json.value(QStringLiteral("plan")).toString(), QStringLiteral("standard 90 DAYS"));
        QCOMPARE(json.value(QStringLiteral("pin")).toString(), QStringLiteral("***"));
        QVERIFY(!details.contains(QStringLiteral("2468")));
    }

    // A plan that is no rule, or a code taken: nothing is written, not even half.
    void addRefusedWritesNothing()
    {
        ExpiryLab t;
        t.customer(QStringLiteral("C1"));
        const CustomerEdits edits(t.lab->catalog(), t.clock);
        const Actor clerk = Actor::clerk(QStringLiteral("maria"), QStringLiteral("counter"));
        const Result<Customer> noRule = edits.add(clerk, named(QStringLiteral("B2"), QStringLiteral("Bruno")), QStringLiteral("Forever"));
        QVERIFY(!noRule);
        QVERIFY(noRule.error().message().contains(QStringLiteral("Forever")));
        QVERIFY(!Customers(t.lab->catalog()).byCode(QStringLiteral("B2")));
        const Result<Customer> taken = edits.add(clerk, named(QStringLiteral("c1"), QStringLiteral("Someone")));
        QVERIFY(!taken);
        QCOMPARE(taken.error().kind(), Error::Kind::Usage);
        QCOMPARE(t.count(QStringLiteral("SELECT count(*) FROM audit WHERE action = 'customer_add'")), 0);
    }

    // The counter's "Reset PIN…": the new PIN signs in, the old one no longer does,
    // and the audit entry says a PIN was set without saying which.
    void pinResetSignsIn()
    {
        ExpiryLab t;
        const qint64 c1 = t.customer(QStringLiteral("C1"));
        const CustomerEdits edits(t.lab->catalog(), t.clock);
        const Actor clerk = Actor::clerk(QStringLiteral("maria"), QStringLiteral("counter"));
        QVERIFY(edits.update(clerk, QStringLiteral("C1"), pinChange(QStringLiteral("1357"))));
        const QString pin = PinHash::random();
        QCOMPARE(pin.size(), 6);
        QVERIFY(PinHash::isValidPin(pin));
        QVERIFY(edits.update(clerk, QStringLiteral("C1"), pinChange(pin)));
        const PinLockout lockout(t.lab->catalog(), t.clock);
        const auto old = lockout.signIn(QStringLiteral("C1"), QStringLiteral("1357"), QStringLiteral("kiosk"));
        QVERIFY(old);
        QCOMPARE(old->outcome, PinLockout::Outcome::WrongPin);
        const auto fresh = lockout.signIn(QStringLiteral("c1"), pin, QStringLiteral("kiosk"));
        QVERIFY(fresh);
        QCOMPARE(fresh->outcome, PinLockout::Outcome::Accepted);
        QCOMPARE(fresh->customerId, c1);
        const QString details = t.scalar(QStringLiteral("SELECT details FROM audit WHERE action = 'customer_update' "
                                                        "ORDER BY id DESC LIMIT 1"));
        QVERIFY(details.contains(QStringLiteral("***")));
        QVERIFY(!details.contains(pin));
        const Result<Customer> bad = edits.update(clerk, QStringLiteral("C1"), pinChange(QStringLiteral("12a4")));
        QVERIFY(!bad);
        QCOMPARE(bad.error().message(), QStringLiteral("A PIN has 4 to 8 digits."));
    }

    // What a form shows next to its fields.
    void problemsPerField()
    {
        using Field = CustomerProblem::Field;
        const QList<CustomerProblem> problems = Customers::problems(
            { QStringLiteral("K 1"), QStringLiteral("  "), QStringLiteral("not-an-address"), {}, {}, QStringLiteral("12") });
        QList<Field> fields;
        for (const CustomerProblem &problem : problems) {
            fields.append(problem.field);
            QVERIFY(!problem.message.isEmpty());
        }
        QCOMPARE(fields, QList<Field>({ Field::Code, Field::Name, Field::Email, Field::Pin }));
        QVERIFY(Customers::problems({ QStringLiteral("K-1"), QStringLiteral("Kim"), {}, {}, {}, QStringLiteral("1234") }).isEmpty());
        QCOMPARE(Customers::validate({ QStringLiteral("K-1"), QStringLiteral("Kim"), {}, {}, {}, QStringLiteral("12") })
                     .error().message(), problems.last().message);
    }

private:
    static NewCustomer named(const QString &code, const QString &name)
    {
        NewCustomer customer;
        customer.code = code;
        customer.name = name;
        return customer;
    }

    static CustomerChanges pinChange(const QString &pin)
    {
        CustomerChanges changes;
        changes.pin = pin;
        return changes;
    }

    static Actor actorOf(Actor::Kind kind, qint64 customer)
    {
        switch (kind) {
        case Actor::Kind::Clerk: return Actor::clerk(QStringLiteral("maria"), QStringLiteral("counter"));
        case Actor::Kind::System: return Actor::system(QStringLiteral("keepsakectl"));
        case Actor::Kind::Customer: return Actor::customer(customer, QStringLiteral("kiosk"));
        case Actor::Kind::Viewer: return Actor::viewer(customer);
        case Actor::Kind::Device: return Actor::device(QStringLiteral("kiosk"));
        }
        return Actor::device(QStringLiteral("kiosk"));
    }
};

QTEST_GUILESS_MAIN(TestCustomerEdits)
#include "tst_customeredits.moc"
