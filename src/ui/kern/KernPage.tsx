export default function KernPage({ slug }: { slug: string }) {
  return <h1>{slug}</h1>;
}
