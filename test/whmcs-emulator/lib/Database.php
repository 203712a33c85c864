<?php
/**
 * PDO access to the WHMCS fixture database for the emulator (the shim itself never touches SQL).
 */

namespace CertbridgeEmulator;

final class Database
{
    /** @var \PDO */
    public $pdo;

    /** @var array<string, string[]> table => column names, filled lazily */
    private $columns = array();

    private function __construct(\PDO $pdo)
    {
        $this->pdo = $pdo;
    }

    /**
     * Called by the bootstrap with the request's `database` URL
     * (mysql://user:pass@host:port/db); returns a connected Database or throws Misuse.
     */
    public static function connect($url)
    {
        $parts = is_string($url) ? parse_url($url) : false;
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host'], $parts['path'])
            || !in_array($parts['scheme'], array('mysql', 'mariadb'), true)) {
            throw new Misuse('database must be a mysql://user:pass@host:port/db URL');
        }
        $dsn = sprintf(
            'mysql:host=%s;port=%d;dbname=%s;charset=utf8',
            $parts['host'],
            isset($parts['port']) ? $parts['port'] : 3306,
            rawurldecode(ltrim($parts['path'], '/'))
        );
        $pdo = new \PDO(
            $dsn,
            isset($parts['user']) ? rawurldecode($parts['user']) : '',
            isset($parts['pass']) ? rawurldecode($parts['pass']) : '',
            array(\PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION, \PDO::ATTR_DEFAULT_FETCH_MODE => \PDO::FETCH_ASSOC)
        );
        return new self($pdo);
    }

    /** Returns the first row of $sql or null. */
    public function one($sql, array $args = array())
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        $row = $statement->fetch();
        return is_array($row) ? $row : null;
    }

    /** Returns all rows of $sql. */
    public function all($sql, array $args = array())
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        return $statement->fetchAll();
    }

    /** Runs a write; returns the affected row count. */
    public function exec($sql, array $args = array())
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute($args);
        return $statement->rowCount();
    }

    /** Returns the column names of $table ([] when the table does not exist). */
    public function columns($table)
    {
        if (!isset($this->columns[$table])) {
            $rows = $this->all(
                'SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
                array($table)
            );
            $this->columns[$table] = array_map(function ($row) {
                return $row['c'];
            }, $rows);
        }
        return $this->columns[$table];
    }

    /** Inserts the $values whose keys are columns of $table; returns the new id. */
    public function insert($table, array $values)
    {
        $known = array_flip($this->columns($table));
        $values = array_intersect_key($values, $known);
        $names = array_map(function ($name) {
            return '`' . $name . '`';
        }, array_keys($values));
        $marks = array_map(function ($value) {
            return $value instanceof Raw ? $value->sql : '?';
        }, array_values($values));
        $args = array_values(array_filter($values, function ($value) {
            return !($value instanceof Raw);
        }));
        $this->exec('INSERT INTO `' . $table . '` (' . implode(',', $names) . ') VALUES (' . implode(',', $marks) . ')', $args);
        return (int) $this->pdo->lastInsertId();
    }
}

/** An SQL expression (e.g. NOW()) for Database::insert(). */
final class Raw
{
    /** @var string */
    public $sql;

    public function __construct($sql)
    {
        $this->sql = $sql;
    }
}

/** The request is wrong (not the shim): run.php exits 2. */
final class Misuse extends \Exception
{
}
